package io.lockstep.applier.recovery;

import io.lockstep.applier.config.ApplierConfig;
import io.lockstep.applier.sync.SyncService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * At start-up, completes the operations a stopped process left {@code running} in PostgreSQL, on a thread of its
 * own (a resumed sync may wait for health for minutes; start-up must not). The drift records of those operations
 * may be redelivered meanwhile: the application's lock and the recorded status make whichever comes second a
 * no-op.
 */
@ApplicationScoped
public class StartupRecovery {
    private static final Logger LOG = Logger.getLogger(StartupRecovery.class);

    private final SyncService sync;
    private final ApplierConfig config;

    public StartupRecovery(SyncService sync, ApplierConfig config) {
        this.sync = sync;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.recovery().enabled()) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                recover();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.errorf(e, "cannot complete the operations interrupted by the last stop; they resume when "
                        + "their events are redelivered");
            }
        }, "lockstep-applier-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    /** Completes or reports every interrupted operation; returns how many were announced. */
    public int recover() throws InterruptedException {
        List<?> announced = sync.recoverInterrupted();
        if (!announced.isEmpty()) {
            LOG.infof("completed %d operation(s) interrupted by the last stop", announced.size());
        }
        return announced.size();
    }
}
