package io.lockstep.applier.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncTriggerTest {
    private static DriftDetected drift(String reason, boolean automated, boolean selfHeal) {
        AppSpec app = new AppSpec("web", "apps/web", new Target(null, "web"),
                new SyncPolicy(automated, true, selfHeal, false), null, List.of());
        return new DriftDetected("id", "demo/web", new CommitInfo(null, "abc", null, null, null, null), app,
                reason, List.of(), Instant.now());
    }

    @Test
    void anAutomatedApplicationIsSyncedOnANewRevisionAndItsRemoval() {
        assertThat(SyncTrigger.shouldSync(drift(DriftDetected.NEW_REVISION, true, false))).isTrue();
        assertThat(SyncTrigger.shouldSync(drift(DriftDetected.APP_REMOVED, true, false))).isTrue();
    }

    @Test
    void driftFoundInTheClusterIsRevertedOnlyWhenTheApplicationAsksForSelfHeal() {
        assertThat(SyncTrigger.shouldSync(drift(DriftDetected.LIVE_CHANGE, true, false))).isFalse();
        assertThat(SyncTrigger.shouldSync(drift(DriftDetected.PERIODIC, true, false))).isFalse();
        assertThat(SyncTrigger.shouldSync(drift(DriftDetected.LIVE_CHANGE, true, true))).isTrue();
        assertThat(SyncTrigger.shouldSync(drift(DriftDetected.PERIODIC, true, true))).isTrue();
    }

    @Test
    void anApplicationThatIsNotAutomatedIsNeverSynced() {
        assertThat(SyncTrigger.shouldSync(drift(DriftDetected.NEW_REVISION, false, true))).isFalse();
        assertThat(SyncTrigger.shouldSync(drift(DriftDetected.LIVE_CHANGE, false, true))).isFalse();
    }
}
