package io.lockstep.differ.kafka;

import io.lockstep.contracts.events.DriftEvent;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.differ.reconcile.DriftSink;
import io.lockstep.support.kafka.KeyedMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes drift events to {@code lockstep.drift}, keyed by application id, and waits for the broker's ack. */
@ApplicationScoped
public class DriftPublisher implements DriftSink {
    public static final String CHANNEL = "drift";

    private final MutinyEmitter<LockstepEvent> emitter;

    public DriftPublisher(@Channel(CHANNEL) MutinyEmitter<LockstepEvent> emitter) {
        this.emitter = emitter;
    }

    @Override
    public void publish(DriftEvent event) {
        emitter.sendMessageAndAwait(KeyedMessages.<LockstepEvent>of(event));
    }
}
