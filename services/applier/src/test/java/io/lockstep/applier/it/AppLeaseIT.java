package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.applier.health.HealthWaiter;
import io.lockstep.applier.health.Pacer;
import io.lockstep.applier.sync.AppLeases;
import io.lockstep.applier.sync.AppLocks;
import io.lockstep.applier.sync.Retry;
import io.lockstep.applier.sync.SyncHistory;
import io.lockstep.applier.sync.SyncObserver;
import io.lockstep.applier.sync.SyncResultPublisher;
import io.lockstep.applier.sync.SyncService;
import io.lockstep.applier.sync.SyncStateMachine;
import io.lockstep.applier.sync.SyncTargets;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the sync component against one PostgreSQL: the service's own beans (leases, history, publisher,
 * targets) shared by two {@link AppLocks} with different holders, as two processes would share the database.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class AppLeaseIT extends ApplierIT {
    static final Duration TTL = Duration.ofSeconds(2);

    @Inject
    AppLeases leases;
    @Inject
    SyncHistory history;
    @Inject
    SyncResultPublisher publisher;
    @Inject
    SyncObserver observer;
    @Inject
    SyncTargets targets;

    final ExecutorService threads = Executors.newCachedThreadPool();
    final CountDownLatch replicaAMayFinish = new CountDownLatch(1);

    @AfterEach
    void stopReplicas() {
        replicaAMayFinish.countDown();
        threads.shutdownNow();
    }

    /** The store as one replica sees it, counting that replica's attempts to take a lease. */
    final class Watched implements AppLeases {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public boolean tryAcquire(String app, String holder, Duration ttl) {
            attempts.incrementAndGet();
            return leases.tryAcquire(app, holder, ttl);
        }

        @Override
        public boolean renew(String app, String holder, Duration ttl) {
            return leases.renew(app, holder, ttl);
        }

        @Override
        public void release(String app, String holder) {
            leases.release(app, holder);
        }

        @Override
        public Optional<String> liveHolder(String app) {
            return leases.liveHolder(app);
        }
    }

    /** Replica A starts an operation of the application and keeps working on it until the test lets it finish. */
    AppLocks replicaAWorking(CountDownLatch inside) {
        AppLocks replicaA = new AppLocks(leases, "replica-a", TTL, Pacer.sleeping());
        threads.submit(() -> replicaA.withLock(appId, () -> {
            inside.countDown();
            replicaAMayFinish.await();
            return null;
        }));
        return replicaA;
    }

    Instant leaseExpiry() throws Exception {
        try (var c = jdbc(); var s = c.prepareStatement("select expires_at from applier.app_lease where app_id = ?")) {
            s.setString(1, appId);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1, java.time.OffsetDateTime.class).toInstant() : null;
            }
        }
    }

    @Test
    void aSecondReplicaDoesNotStartAnOperationOfAnApplicationAnotherLiveReplicaIsRunning() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AppLocks replicaA = replicaAWorking(inside);
        inside.await();
        Instant firstExpiry = leaseExpiry();
        Watched seenByB = new Watched();
        AppLocks replicaB = new AppLocks(seenByB, "replica-b", TTL, Pacer.sleeping());
        AtomicBoolean bRan = new AtomicBoolean();
        Future<?> b = threads.submit(() -> replicaB.withLock(appId, () -> {
            bRan.set(true);
            return null;
        }));

        // A's lease is renewed while it works, past its first expiry; B keeps asking and never gets in.
        await().atMost(WAIT).until(() -> leaseExpiry().isAfter(firstExpiry.plus(TTL.dividedBy(2))));
        await().atMost(WAIT).until(() -> seenByB.attempts.get() >= 3);
        assertThat(bRan).isFalse();
        assertThat(leases.liveHolder(appId)).contains("replica-a");

        replicaAMayFinish.countDown();
        b.get();
        assertThat(bRan).isTrue();
        assertThat(leases.liveHolder(appId)).isEmpty();
        replicaA.close();
        replicaB.close();
    }

    @Test
    void recoveryOnAnotherReplicaTakesOverARunningOperationOnlyOnceItsHoldersLeaseExpired() throws Exception {
        DriftDetected plan = drift("1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e", Instant.now(),
                create(namespace(appId, ns)), create(configMap(appId, ns, "cfg", "k", "v")));
        CountDownLatch inside = new CountDownLatch(1);
        AppLocks replicaA = replicaAWorking(inside);
        inside.await();
        // Replica A recorded its operation as running, as it does before it applies anything.
        history.started(plan.id(), appId, plan.commit().revision(), plan.commit().author(), plan.reason(),
                "1 create", plan.time(), Instant.now(), plan);
        Watched seenByB = new Watched();
        AppLocks replicaB = new AppLocks(seenByB, "replica-b", TTL, Pacer.sleeping());
        SyncStateMachine machine = new SyncStateMachine(targets, new HealthWaiter(Clock.systemUTC(),
                Pacer.sleeping(), Duration.ofMillis(100), Duration.ofSeconds(1)), null, Retry.none());
        SyncService serviceB = new SyncService(machine, history, publisher, observer, replicaB, Clock.systemUTC());
        Future<?> recovery = threads.submit(serviceB::recoverInterrupted);

        // While A is alive, B's recovery looks (more than once) and leaves A's operation alone.
        await().atMost(WAIT).until(() -> seenByB.attempts.get() >= 2);
        assertThat(historyRow(plan.id())).containsEntry("status", "running");
        assertThat(live(configMap(appId, ns, "cfg", "k", "v"))).isNull();

        // A stops renewing without releasing (as a replica that died does): once its lease expires, B takes over.
        replicaA.close();
        SyncCompleted result = awaitResult(plan.id());
        recovery.get();

        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(historyRow(plan.id())).containsEntry("status", "completed");
        assertThat(live(configMap(appId, ns, "cfg", "k", "v"))).isNotNull();
        assertThat(leases.liveHolder(appId)).isEmpty();
        replicaB.close();
    }
}
