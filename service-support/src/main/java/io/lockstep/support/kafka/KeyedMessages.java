package io.lockstep.support.kafka;

import io.lockstep.contracts.events.LockstepEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Builds outgoing messages keyed by the application id, as every Lockstep event must be. */
public final class KeyedMessages {
    private KeyedMessages() {
    }

    public static <T extends LockstepEvent> Message<T> of(T event) {
        return Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.appId())
                .build());
    }
}
