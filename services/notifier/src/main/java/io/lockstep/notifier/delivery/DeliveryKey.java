package io.lockstep.notifier.delivery;

import io.lockstep.notifier.trigger.Destination;
import io.lockstep.notifier.trigger.Notice;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** What makes a delivery unique: at most one per (application, revision, trigger, channel, destination). */
public record DeliveryKey(String appId, String revisionKey, String trigger, String channel, String destination) {

    public static DeliveryKey of(Notice notice, Destination destination) {
        return new DeliveryKey(notice.appId(), notice.revisionKey(), notice.trigger().wireName(),
                destination.channel().wireName(), destination.target());
    }

    /** A deterministic id: the same key always names the same delivery row. */
    public String id() {
        String name = String.join("\u0000", appId, revisionKey, trigger, channel, destination);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
