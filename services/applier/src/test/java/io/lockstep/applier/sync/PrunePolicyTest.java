package io.lockstep.applier.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.applier.fixtures.Manifests;
import io.lockstep.applier.sync.PruneDecision.Verdict;
import io.lockstep.contracts.model.SyncPolicy;
import org.junit.jupiter.api.Test;

class PrunePolicyTest {
    private static final SyncPolicy PRUNE = new SyncPolicy(true, true, false, false);

    @Test
    void nothingIsPrunedWhenTheApplicationDisablesPrune() {
        PruneDecision d = PrunePolicy.precheck(new SyncPolicy(true, false, false, false), false, true);

        assertThat(d.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(d.reason()).isEqualTo("prune disabled");
    }

    @Test
    void anEmptyDesiredSetRefusesToPruneUnlessTheApplicationAllowsIt() {
        assertThat(PrunePolicy.precheck(PRUNE, true, true).reason()).contains("desired set is empty");
        assertThat(PrunePolicy.precheck(new SyncPolicy(true, true, false, true), true, true)).isNull();
    }

    @Test
    void anObjectTheApplierNeverAppliedIsNotPruned() {
        assertThat(PrunePolicy.precheck(PRUNE, false, false).reason()).contains("inventory");
    }

    @Test
    void aLiveObjectWithoutTheTrackingAnnotationIsLeftAlone() {
        PruneDecision d = PrunePolicy.onLive("demo/web",
                Manifests.configMap(null, "web", "cfg", "k", "v"));

        assertThat(d.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(d.reason()).contains("lockstep.io/app");
    }

    @Test
    void aLiveObjectOfAnotherApplicationIsLeftAlone() {
        PruneDecision d = PrunePolicy.onLive("demo/web",
                Manifests.configMap("demo/api", "web", "cfg", "k", "v"));

        assertThat(d.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(d.reason()).contains("belongs to demo/api");
    }

    @Test
    void anObjectThatCarriesOurAnnotationIsDeletedAndAMissingOneCountsAsPruned() {
        assertThat(PrunePolicy.onLive("demo/web", Manifests.configMap("demo/web", "web", "cfg", "k", "v"))
                .verdict()).isEqualTo(Verdict.DELETE);
        assertThat(PrunePolicy.onLive("demo/web", null).verdict()).isEqualTo(Verdict.ALREADY_GONE);
    }
}
