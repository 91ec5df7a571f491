package io.lockstep.differ.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.model.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppStateTest {
    private static final ObjectRef A = new ObjectRef("v1", "ConfigMap", "web", "a");
    private static final ObjectRef B = new ObjectRef("v1", "ConfigMap", "web", "b");

    @Test
    void aNewRevisionIsDiffedAgainstTheLastObservedOne() {
        AppState r1 = AppState.next(null, "demo/web", "r1", "d1", List.of(A, B));

        assertThat(r1.baselineFor("r2")).containsExactly(A, B);
    }

    @Test
    void aRedeliveredCommitIsDiffedAgainstTheSameBaselineAsItsFirstDelivery() {
        AppState r1 = AppState.next(null, "demo/web", "r1", "d1", List.of(A, B));
        AppState r2 = AppState.next(r1, "demo/web", "r2", "d2", List.of(A));
        AppState r2again = AppState.next(r2, "demo/web", "r2", "d2", List.of(A));

        assertThat(r2.baselineFor("r2")).containsExactly(A, B);
        assertThat(r2again.baselineFor("r2")).containsExactly(A, B);
        assertThat(r2again.previousRevision()).isEqualTo("r1");
    }
}
