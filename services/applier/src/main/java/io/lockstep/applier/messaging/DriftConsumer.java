package io.lockstep.applier.messaging;

import io.lockstep.applier.sync.SyncService;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.serde.EventCodec;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code lockstep.drift} and hands each {@link DriftDetected} to the sync. Other drift events (in sync, render
 * failed) are the notifier's business. A record that does not decode is dead-lettered with the reason. Records are
 * handled one at a time per partition, so an application's plans run in the order they were planned.
 */
@ApplicationScoped
public class DriftConsumer {
    public static final String CHANNEL = "drift";

    private final SyncService sync;

    public DriftConsumer(SyncService sync) {
        this.sync = sync;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        LockstepEvent event = EventCodec.decode(record.headers(), record.value());
        if (event instanceof DriftDetected drift) {
            sync.handle(drift);
        }
    }
}
