package io.lockstep.applier;

import io.lockstep.applier.config.ApplierConfig;
import io.lockstep.applier.health.HealthWaiter;
import io.lockstep.applier.health.Pacer;
import io.lockstep.applier.sync.AppLocks;
import io.lockstep.applier.sync.SyncHistory;
import io.lockstep.applier.sync.SyncObserver;
import io.lockstep.applier.sync.SyncResultPublisher;
import io.lockstep.applier.sync.SyncService;
import io.lockstep.applier.sync.SyncStateMachine;
import io.lockstep.applier.sync.SyncTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** Assembles the (framework-free) sync from its adapters. */
@ApplicationScoped
public class ApplierWiring {
    @Produces
    @Singleton
    SyncService syncService(SyncTarget target, SyncHistory history, SyncResultPublisher publisher,
            SyncObserver observer, ApplierConfig config) {
        HealthWaiter waiter = new HealthWaiter(Clock.systemUTC(), Pacer.sleeping(),
                config.health().initialInterval(), config.health().maxInterval());
        return new SyncService(new SyncStateMachine(target, waiter), history, publisher, observer, new AppLocks(),
                Clock.systemUTC());
    }
}
