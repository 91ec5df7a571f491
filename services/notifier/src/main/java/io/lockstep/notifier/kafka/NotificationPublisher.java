package io.lockstep.notifier.kafka;

import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.notifier.delivery.DeliveryPublisher;
import io.lockstep.support.kafka.KeyedMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Puts {@code NotificationDelivered} on lockstep.notifications, keyed by application id. Sends without waiting; the
 * returned stage completes on the broker's ack. A batch's outcomes are emitted from one thread in order, so each
 * application's outcomes keep their order on its partition. The buffer holds a batch's outcomes until the Kafka
 * producer takes them; it is bounded by the batch (the dispatcher awaits every ack before the next one).
 */
@ApplicationScoped
public class NotificationPublisher implements DeliveryPublisher {
    public static final String CHANNEL = "notifications";

    private final MutinyEmitter<LockstepEvent> emitter;

    public NotificationPublisher(
            @Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<LockstepEvent> emitter) {
        this.emitter = emitter;
    }

    @Override
    public CompletionStage<Void> publish(NotificationDelivered delivered) {
        return emitter.sendMessage(KeyedMessages.of(delivered)).subscribeAsCompletionStage();
    }
}
