package io.lockstep.applier.messaging;

import io.lockstep.applier.rollback.RollbackService;
import io.lockstep.applier.sync.SyncService;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.RollbackRequested;
import io.lockstep.contracts.events.SyncRequested;
import io.lockstep.contracts.serde.EventCodec;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code lockstep.commands}: {@link SyncRequested} re-applies an application's last plan,
 * {@link RollbackRequested} writes a revert commit. Refresh requests are the watcher's and differ's business. A
 * record that does not decode is dead-lettered with the reason.
 */
@ApplicationScoped
public class CommandConsumer {
    public static final String CHANNEL = "commands";

    private final SyncService sync;
    private final RollbackService rollback;

    public CommandConsumer(SyncService sync, RollbackService rollback) {
        this.sync = sync;
        this.rollback = rollback;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        LockstepEvent event = EventCodec.decode(record.headers(), record.value());
        if (event instanceof SyncRequested command) {
            sync.syncNow(command);
        } else if (event instanceof RollbackRequested command) {
            rollback.handle(command);
        }
    }
}
