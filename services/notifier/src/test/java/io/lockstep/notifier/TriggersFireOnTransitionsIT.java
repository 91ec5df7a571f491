package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.NotifyRule;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.notifier.support.Database;
import io.lockstep.notifier.support.Events;
import io.lockstep.notifier.support.GreenMailResource;
import io.lockstep.notifier.support.NotifierHarness;
import io.lockstep.notifier.support.SlackStubResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Triggers fire on transitions, with the last state of each application kept in PostgreSQL. Events of one
 * application are handled in order, so a marker event sent last proves the ones before it were handled.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TriggersFireOnTransitionsIT extends NotifierHarness {
    private static final List<String> ALL = List.of("deployed", "sync-failed", "health-degraded", "health-recovered",
            "drift-detected");

    private static SyncCompleted sync(AppSpec app, CommitInfo commit, SyncOutcome outcome, Health health,
            String error) {
        String appId = "demo/" + app.name();
        Instant now = Instant.now();
        // A fresh id per sync: each is another operation of the applier, not a redelivery.
        return new SyncCompleted(UUID.randomUUID().toString(), appId, "op-" + UUID.randomUUID(), commit, app,
                "live-change", outcome, health, List.of(), error, now, now, now);
    }

    private List<String> triggersOf(String appId, int count) {
        return awaitDeliveries(appId, count).stream().map(NotificationDelivered::trigger).toList();
    }

    @Test
    void aHealthySyncAfterADegradedOneIsToldAsHealthRecoveredAndTheStateIsKept() {
        AppSpec app = Events.app(Events.uniqueApp("recover"), new NotifyRule(ALL, "#health", null));
        CommitInfo commit = Events.commit("Raise memory");

        producer.send(sync(app, commit, SyncOutcome.SUCCEEDED, Health.DEGRADED, "web: CrashLoopBackOff"));
        producer.send(sync(app, commit, SyncOutcome.SUCCEEDED, Health.DEGRADED, "web: CrashLoopBackOff"));
        producer.send(sync(app, commit, SyncOutcome.SUCCEEDED, Health.HEALTHY, null));

        assertThat(triggersOf("demo/" + app.name(), 3))
                .containsExactly("health-degraded", "deployed", "health-recovered");
        assertThat(Database.rows("SELECT health, revision FROM notifier.app_state WHERE app_id = ?",
                "demo/" + app.name())).singleElement().satisfies(row -> {
                    assertThat(row.get("health")).isEqualTo("healthy");
                    assertThat(row.get("revision")).isEqualTo(commit.revision());
                });
    }

    @Test
    void theSameSyncFailureForTheSameRevisionIsToldOnce() {
        AppSpec app = Events.app(Events.uniqueApp("refail"), new NotifyRule(ALL, "#health", null));
        CommitInfo commit = Events.commit("Use a quota");

        producer.send(sync(app, commit, SyncOutcome.FAILED, Health.MISSING, "exceeded quota: pods=10"));
        producer.send(sync(app, commit, SyncOutcome.FAILED, Health.MISSING, "exceeded quota: pods=10"));
        producer.send(sync(app, commit, SyncOutcome.FAILED, Health.MISSING, "forbidden: cannot create pods"));
        producer.send(Events.deployed(app, Events.commit("Marker")));

        List<NotificationDelivered> delivered = awaitDeliveries("demo/" + app.name(), 3);
        assertThat(delivered).extracting(NotificationDelivered::trigger)
                .containsExactly("sync-failed", "sync-failed", "deployed");
        assertThat(delivered.get(1).revision()).isEqualTo(commit.revision());
    }

    @Test
    void repeatedIdenticalDriftOfADetectOnlyApplicationStaysQuiet() {
        AppSpec detectOnly = new AppSpec(Events.uniqueApp("drift"), "apps/drift", null,
                new SyncPolicy(false, false, false, false), null, List.of(new NotifyRule(ALL, "#health", null)));
        String appId = "demo/" + detectOnly.name();
        CommitInfo commit = Events.commit("Pin replicas");
        List<PlannedChange> plan = List.of(new PlannedChange(new ObjectRef("apps/v1", "Deployment", "web", "web"),
                ChangeAction.UPDATE, null, "-replicas: 3\n+replicas: 2"));

        for (int i = 0; i < 3; i++) {
            producer.send(new DriftDetected(UUID.randomUUID().toString(), appId, commit, detectOnly,
                    DriftDetected.PERIODIC, plan, Instant.now()));
        }
        producer.send(sync(detectOnly, Events.commit("Marker"), SyncOutcome.SUCCEEDED, Health.HEALTHY, null));

        assertThat(triggersOf(appId, 2)).containsExactly("drift-detected", "deployed");
        assertThat(deliveriesOf(appId)).hasSize(2);
    }
}
