package io.lockstep.notifier.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.AppInSync;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.contracts.events.SourceRecovered;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Triggers fire on transitions: what the detector tells given what it last knew of the application. */
class TriggersFireOnTransitionsTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final CommitInfo COMMIT = new CommitInfo("https://github.com/acme/config.git",
            "abc1234def5678abc1234def5678abc1234def56", "Ada", "ada@example.com", "Add web", NOW);
    private static final CommitInfo NEXT = new CommitInfo("https://github.com/acme/config.git",
            "fed4321def5678abc1234def5678abc1234def56", "Ada", "ada@example.com", "Fix web", NOW);
    private static final AppSpec AUTOMATED = new AppSpec("web", "apps/web", null,
            new SyncPolicy(true, true, true, false), null, List.of());
    private static final AppSpec DETECT_ONLY = new AppSpec("web", "apps/web", null,
            new SyncPolicy(false, false, false, false), null, List.of());
    private static final ObjectRef CONFIG = new ObjectRef("v1", "ConfigMap", "web", "cfg");
    private static final ObjectRef DEPLOY = new ObjectRef("apps/v1", "Deployment", "web", "web");

    private final TriggerDetector detector = new TriggerDetector();
    private AppState state;

    /** Feeds an event as the dispatcher does: detect given the state, then keep the state it leads to. */
    private List<Trigger> feed(LockstepEvent event) {
        TriggerDetector.Detection detection = detector.detect(event, state);
        if (detection.next() != null) {
            state = detection.next();
        }
        return detection.notices().stream().map(Notice::trigger).toList();
    }

    private static SyncCompleted sync(CommitInfo commit, SyncOutcome outcome, Health health, String error) {
        return new SyncCompleted(UUID.randomUUID().toString(), "demo/web", "op", commit, AUTOMATED, "new-revision",
                outcome, health, List.of(), error, NOW, NOW, NOW);
    }

    private static DriftDetected drift(CommitInfo commit, ObjectRef... refs) {
        List<PlannedChange> plan = java.util.Arrays.stream(refs)
                .map(ref -> new PlannedChange(ref, ChangeAction.UPDATE, null, "-replicas: 2\n+replicas: 3")).toList();
        return new DriftDetected(UUID.randomUUID().toString(), "demo/web", commit, DETECT_ONLY,
                DriftDetected.PERIODIC, plan, NOW);
    }

    @Test
    void aHealthySyncAfterADegradedOneIsHealthRecovered() {
        assertThat(feed(sync(COMMIT, SyncOutcome.SUCCEEDED, Health.HEALTHY, null))).containsExactly(Trigger.DEPLOYED);
        assertThat(feed(sync(COMMIT, SyncOutcome.SUCCEEDED, Health.DEGRADED, null)))
                .containsExactly(Trigger.HEALTH_DEGRADED);
        assertThat(feed(sync(COMMIT, SyncOutcome.SUCCEEDED, Health.DEGRADED, null)))
                .as("still degraded at the same revision: nothing new").isEmpty();
        assertThat(feed(sync(COMMIT, SyncOutcome.SUCCEEDED, Health.HEALTHY, null)))
                .containsExactly(Trigger.DEPLOYED, Trigger.HEALTH_RECOVERED);
        assertThat(feed(sync(COMMIT, SyncOutcome.SUCCEEDED, Health.HEALTHY, null)))
                .as("healthy after healthy is no recovery").containsExactly(Trigger.DEPLOYED);
    }

    @Test
    void aHealthySyncWithNothingKnownBeforeIsNoRecovery() {
        assertThat(feed(sync(COMMIT, SyncOutcome.SUCCEEDED, Health.HEALTHY, null)))
                .doesNotContain(Trigger.HEALTH_RECOVERED);
    }

    @Test
    void theSameDriftIsToldOnceUntilTheApplicationIsInSyncAgain() {
        assertThat(feed(drift(COMMIT, CONFIG))).containsExactly(Trigger.DRIFT_DETECTED);
        assertThat(feed(drift(COMMIT, CONFIG))).as("identical drift stays quiet").isEmpty();
        assertThat(feed(drift(COMMIT, CONFIG, DEPLOY))).as("another object drifted").containsExactly(
                Trigger.DRIFT_DETECTED);
        assertThat(feed(drift(NEXT, CONFIG, DEPLOY))).as("another revision").containsExactly(Trigger.DRIFT_DETECTED);
        feed(new AppInSync("in-sync", "demo/web", NEXT, DETECT_ONLY, 2, NOW));
        assertThat(feed(drift(NEXT, CONFIG, DEPLOY))).as("drifted again after converging")
                .containsExactly(Trigger.DRIFT_DETECTED);
    }

    @Test
    void distinctDriftsOfOneRevisionHaveDistinctDeliveryKeys() {
        Notice first = detector.detect(drift(COMMIT, CONFIG), null).notices().get(0);
        Notice second = detector.detect(drift(COMMIT, CONFIG, DEPLOY), null).notices().get(0);

        assertThat(first.revisionKey()).startsWith(COMMIT.revision()).isNotEqualTo(second.revisionKey());
        assertThat(first.changes()).extracting(Change::object).containsExactly("ConfigMap web/cfg");
        assertThat(first.shortDiff()).contains("+replicas: 3");
    }

    @Test
    void theSameSyncErrorForTheSameRevisionIsNotToldAgainButAnotherErrorIs() {
        assertThat(feed(sync(COMMIT, SyncOutcome.FAILED, Health.MISSING, "apply refused: quota")))
                .containsExactly(Trigger.SYNC_FAILED);
        assertThat(feed(sync(COMMIT, SyncOutcome.FAILED, Health.MISSING, "apply refused: quota"))).isEmpty();
        assertThat(feed(sync(COMMIT, SyncOutcome.FAILED, Health.MISSING, "apply refused: forbidden")))
                .containsExactly(Trigger.SYNC_FAILED);
        assertThat(feed(sync(NEXT, SyncOutcome.FAILED, Health.MISSING, "apply refused: forbidden")))
                .as("the same error at a new revision").containsExactly(Trigger.SYNC_FAILED);
    }

    @Test
    void theSameRenderFailureIsToldOnce() {
        RenderFailed failure = new RenderFailed("r1", "demo/web", COMMIT, AUTOMATED, "apps/web/cm.yaml", 4, "bad",
                NOW);
        RenderFailed again = new RenderFailed("r2", "demo/web", COMMIT, AUTOMATED, "apps/web/cm.yaml", 4, "bad",
                NOW);

        assertThat(feed(failure)).containsExactly(Trigger.SYNC_FAILED);
        assertThat(feed(again)).isEmpty();
    }

    @Test
    void aRedeliveredEventBeforeTheStateWasSavedFiresTheSameNoticesWithTheSameKeys() {
        SyncCompleted degraded = sync(COMMIT, SyncOutcome.FAILED, Health.DEGRADED, "image pull failed");

        List<Notice> first = detector.detect(degraded, null).notices();
        List<Notice> redelivered = detector.detect(degraded, null).notices();

        assertThat(redelivered).extracting(Notice::revisionKey)
                .containsExactlyElementsOf(first.stream().map(Notice::revisionKey).toList());
    }

    private static SourceFailed sourceFailed(CommitInfo commit, String reason) {
        return new SourceFailed(UUID.randomUUID().toString(), "demo", "demo", commit, reason, null, null, null,
                "cannot read the repository", List.of(AUTOMATED), NOW);
    }

    @Test
    void aSourceFailureIsToldOnceUntilTheSourceRecoversWhateverTheCommit() {
        SourceFailed first = sourceFailed(null, "unreachable");
        List<Notice> told = detector.detect(first, null).notices();
        assertThat(feed(first)).containsExactly(Trigger.SOURCE_ERROR);
        assertThat(feed(sourceFailed(null, "unreachable"))).as("the same outage, reported again").isEmpty();
        assertThat(feed(sourceFailed(COMMIT, "unreachable"))).as("same reason, another commit").isEmpty();
        assertThat(feed(sourceFailed(COMMIT, "invalid-config"))).as("another reason")
                .containsExactly(Trigger.SOURCE_ERROR);
        feed(new SourceRecovered("recovered", "demo", "demo", NEXT, "invalid-config", List.of(AUTOMATED), NOW));
        SourceFailed again = sourceFailed(null, "unreachable");
        List<Notice> toldAgain = detector.detect(again, state).notices();
        assertThat(feed(again)).as("failed again after recovering").containsExactly(Trigger.SOURCE_ERROR);
        assertThat(toldAgain.get(0).revisionKey()).as("a new outage has its own delivery key")
                .isNotEqualTo(told.get(0).revisionKey());
        assertThat(state.appId()).as("kept apart from the applications' states").isEqualTo("source:demo");
    }
}
