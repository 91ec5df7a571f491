package io.lockstep.applier;

import io.lockstep.applier.config.ApplierConfig;
import io.lockstep.applier.health.HealthWaiter;
import io.lockstep.applier.health.HttpChecks;
import io.lockstep.applier.health.Pacer;
import io.lockstep.applier.http.JdkHttpProbe;
import io.lockstep.applier.rollback.ConfigRepo;
import io.lockstep.applier.rollback.RollbackService;
import io.lockstep.applier.sync.AppLeases;
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
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/** Assembles the (framework-free) sync and rollback from their adapters. */
@ApplicationScoped
public class ApplierWiring {
    /** One lock per application shared by drifts, manual syncs, rollbacks and recovery, backed by leases. */
    @Produces
    @Singleton
    AppLocks appLocks(AppLeases leases, ApplierConfig config) {
        String holder = config.lease().holder().orElseGet(() -> {
            String host = System.getenv("HOSTNAME");
            return (host == null || host.isBlank() ? "applier" : host) + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
        });
        return new AppLocks(leases, holder, config.lease().ttl(), Pacer.sleeping());
    }

    void closeLocks(@Disposes AppLocks locks) {
        locks.close();
    }

    @Produces
    @Singleton
    SyncService syncService(SyncTargets targets, SyncHistory history, SyncResultPublisher publisher,
            SyncObserver observer, ApplierConfig config, RollbackService rollback, AppLocks locks) {
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
            SyncObserver observer, AppLocks locks) {
        return new RollbackService(history, repo, publisher, observer, locks, Clock.systemUTC());
    }
}
