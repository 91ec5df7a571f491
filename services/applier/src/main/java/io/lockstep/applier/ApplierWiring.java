package io.lockstep.applier;

import io.lockstep.applier.config.ApplierConfig;
import io.lockstep.applier.health.HealthWaiter;
import io.lockstep.applier.health.HttpChecks;
import io.lockstep.applier.health.Pacer;
import io.lockstep.applier.http.JdkHttpProbe;
import io.lockstep.applier.rollback.ConfigRepo;
import io.lockstep.applier.rollback.RollbackService;
import io.lockstep.applier.sync.AppLocks;
import io.lockstep.applier.sync.Retry;
import io.lockstep.applier.sync.SelfHealGuard;
import io.lockstep.applier.sync.SyncHistory;
import io.lockstep.applier.sync.SyncObserver;
import io.lockstep.applier.sync.SyncOptionLimits;
import io.lockstep.applier.sync.SyncResultPublisher;
import io.lockstep.applier.sync.SyncService;
import io.lockstep.applier.sync.SyncStateMachine;
import io.lockstep.applier.sync.SyncTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Assembles the (framework-free) sync and rollback from their adapters. */
@ApplicationScoped
public class ApplierWiring {
    /** One lock per application shared by drifts, manual syncs and rollbacks. */
    private final AppLocks locks = new AppLocks();

    @Produces
    @Singleton
    SyncService syncService(SyncTargets targets, SyncHistory history, SyncResultPublisher publisher,
            SyncObserver observer, ApplierConfig config, RollbackService rollback) {
        Clock clock = Clock.systemUTC();
        HealthWaiter waiter = new HealthWaiter(clock, Pacer.sleeping(), config.health().initialInterval(),
                config.health().maxInterval());
        Retry retry = new Retry(Pacer.sleeping(), config.retry().maxAttempts(), config.retry().initialDelay(),
                config.retry().maxDelay());
        SyncStateMachine machine = new SyncStateMachine(targets, waiter,
                new HttpChecks(clock, Pacer.sleeping(), new JdkHttpProbe()), retry,
                new SyncOptionLimits(config.allowForce(), config.allowReplace(), config.allowCreateNamespace()));
        SelfHealGuard selfHeal = new SelfHealGuard(clock, config.selfHeal().maxHeals(), config.selfHeal().window(),
                config.selfHeal().backoff());
        return new SyncService(machine, history, publisher, observer, locks, clock, selfHeal, rollback);
    }

    @Produces
    @Singleton
    RollbackService rollbackService(SyncHistory history, ConfigRepo repo, SyncResultPublisher publisher,
            SyncObserver observer) {
        return new RollbackService(history, repo, publisher, observer, locks, Clock.systemUTC());
    }
}
