package io.lockstep.contracts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: the same fact (type, application, revision, ...) always gets the same id, so consumers
 * can recognise a redelivery or a re-emission after a restart.
 */
public final class EventIds {
    private EventIds() {
    }

    public static String of(EventType type, String... parts) {
        StringBuilder name = new StringBuilder(type.ceType());
        for (String part : parts) {
            name.append('\u0000').append(part == null ? "" : part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
