package io.lockstep.notifier.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.SyncPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerDetectorTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final CommitInfo COMMIT = new CommitInfo("https://git.example.com/demo.git",
            "abc1234def5678abc1234def5678abc1234def56", "Ada", "ada@example.com", "Add web\n\nbody", NOW);
    private static final AppSpec AUTOMATED = new AppSpec("web", "apps/web", null,
            new SyncPolicy(true, true, true, false), null, List.of());
    private static final AppSpec DETECT_ONLY = new AppSpec("web", "apps/web", null,
            new SyncPolicy(false, false, false, false), null, List.of());

    private final TriggerDetector detector = new TriggerDetector();

    private static SyncCompleted sync(String trigger, SyncOutcome outcome, Health health, String error) {
        return new SyncCompleted("id", "demo/web", "op", COMMIT, AUTOMATED, trigger, outcome, health, List.of(), error,
                NOW, NOW, NOW);
    }

    private static List<Trigger> triggers(List<Notice> notices) {
        return notices.stream().map(Notice::trigger).toList();
    }

    @Test
    void aSucceededHealthySyncIsDeployed() {
        List<Notice> notices = detector.detect(sync("new-revision", SyncOutcome.SUCCEEDED, Health.HEALTHY, null));

        assertThat(triggers(notices)).containsExactly(Trigger.DEPLOYED);
        Notice notice = notices.get(0);
        assertThat(notice.headline()).isEqualTo("demo/web deployed abc1234");
        assertThat(notice.outcome()).isEqualTo("succeeded");
        assertThat(notice.health()).isEqualTo("healthy");
        assertThat(notice.subject()).isEqualTo("Add web");
        assertThat(notice.revisionKey()).isEqualTo(COMMIT.revision());
    }

    @Test
    void aSucceededSyncThatIsStillProgressingIsNotYetDeployed() {
        assertThat(detector.detect(sync("new-revision", SyncOutcome.SUCCEEDED, Health.PROGRESSING, null))).isEmpty();
    }

    @Test
    void aFailedSyncIsSyncFailedWithItsError() {
        List<Notice> notices = detector.detect(sync("new-revision", SyncOutcome.FAILED, Health.MISSING, "apply refused"));

        assertThat(triggers(notices)).containsExactly(Trigger.SYNC_FAILED);
        assertThat(notices.get(0).error()).isEqualTo("apply refused");
    }

    @Test
    void aDegradedApplicationFiresHealthDegradedToo() {
        assertThat(triggers(detector.detect(sync("new-revision", SyncOutcome.FAILED, Health.DEGRADED, "x"))))
                .containsExactly(Trigger.SYNC_FAILED, Trigger.HEALTH_DEGRADED);
        assertThat(triggers(detector.detect(sync("new-revision", SyncOutcome.SUCCEEDED, Health.DEGRADED, null))))
                .containsExactly(Trigger.HEALTH_DEGRADED);
    }

    @Test
    void aSyncStartedByARollbackIsRolledBackNotDeployed() {
        assertThat(triggers(detector.detect(sync("rollback", SyncOutcome.SUCCEEDED, Health.HEALTHY, null))))
                .containsExactly(Trigger.ROLLED_BACK);
    }

    @Test
    void aSupersededSyncTellsNothing() {
        assertThat(detector.detect(sync("new-revision", SyncOutcome.SUPERSEDED, Health.HEALTHY, null))).isEmpty();
    }

    @Test
    void aRenderFailureIsSyncFailedWithFileAndLine() {
        List<Notice> notices = detector.detect(new RenderFailed("id", "demo/web", COMMIT, AUTOMATED,
                "apps/web/configmap.yaml", 4, "mapping values are not allowed here", NOW));

        assertThat(triggers(notices)).containsExactly(Trigger.SYNC_FAILED);
        assertThat(notices.get(0).location()).isEqualTo("apps/web/configmap.yaml line 4");
        assertThat(notices.get(0).error()).isEqualTo("mapping values are not allowed here");
    }

    @Test
    void driftIsToldOnlyWhenNobodyHealsIt() {
        List<PlannedChange> plan = List.of(new PlannedChange(new ObjectRef("v1", "ConfigMap", "web", "cfg"),
                ChangeAction.UPDATE, null, "-a\n+b"));

        assertThat(detector.detect(new DriftDetected("id", "demo/web", COMMIT, AUTOMATED, DriftDetected.LIVE_CHANGE,
                plan, NOW))).isEmpty();
        List<Notice> detectOnly = detector.detect(new DriftDetected("id", "demo/web", COMMIT, DETECT_ONLY,
                DriftDetected.NEW_REVISION, plan, NOW));
        assertThat(triggers(detectOnly)).containsExactly(Trigger.DRIFT_DETECTED);
        assertThat(detectOnly.get(0).outcome()).isEqualTo("1 object differs: new-revision");
    }

    @Test
    void aSourceFailureTellsTheOwnersOfEveryApplicationOfTheSource() {
        AppSpec api = new AppSpec("api", "apps/api", null, null, null, List.of());
        List<Notice> notices = detector.detect(new SourceFailed("sid", "demo", "demo", null, "invalid-config",
                "lockstep.yaml", 7, "applications[0].path", "must not be empty", List.of(AUTOMATED, api), NOW));

        assertThat(notices).extracting(Notice::appId).containsExactly("demo/web", "demo/api");
        assertThat(notices).allSatisfy(n -> {
            assertThat(n.trigger()).isEqualTo(Trigger.SOURCE_ERROR);
            assertThat(n.location()).isEqualTo("lockstep.yaml line 7");
            assertThat(n.error()).isEqualTo("applications[0].path: must not be empty");
            assertThat(n.revisionKey()).as("no commit: keyed by the failure's first event").isEqualTo("no-commit!sid");
            assertThat(n.headline()).endsWith("source error");
        });
    }
}
