package io.lockstep.applier.messaging;

import io.lockstep.applier.sync.SyncResultPublisher;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.support.kafka.KeyedMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Puts {@link SyncCompleted} on {@code lockstep.sync-results}, keyed by application, and waits for the ack. */
@ApplicationScoped
public class SyncCompletedPublisher implements SyncResultPublisher {
    public static final String CHANNEL = "sync-results";

    private final MutinyEmitter<SyncCompleted> emitter;

    public SyncCompletedPublisher(@Channel(CHANNEL) MutinyEmitter<SyncCompleted> emitter) {
        this.emitter = emitter;
    }

    @Override
    public void publish(SyncCompleted result) {
        emitter.sendMessageAndAwait(KeyedMessages.of(result));
    }
}
