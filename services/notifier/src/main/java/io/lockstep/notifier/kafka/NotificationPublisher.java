package io.lockstep.notifier.kafka;

import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.notifier.delivery.DeliveryPublisher;
import io.lockstep.support.kafka.KeyedMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Puts {@code NotificationDelivered} on lockstep.notifications, keyed by application id, and waits for the ack. */
@ApplicationScoped
public class NotificationPublisher implements DeliveryPublisher {
    public static final String CHANNEL = "notifications";

    private final MutinyEmitter<LockstepEvent> emitter;

    public NotificationPublisher(@Channel(CHANNEL) MutinyEmitter<LockstepEvent> emitter) {
        this.emitter = emitter;
    }

    @Override
    public void publish(NotificationDelivered delivered) {
        emitter.sendMessageAndAwait(KeyedMessages.of(delivered));
    }
}
