package io.lockstep.applier.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.model.Health;
import org.junit.jupiter.api.Test;

class StatefulSetAndDaemonSetHealthTest {
    private static HealthStatus assess(String kind, String spec, String status) {
        return HealthRules.assess(Live.json("{'apiVersion':'apps/v1','kind':'" + kind
                + "','metadata':{'name':'db','generation':1},'spec':" + spec + ",'status':" + status + "}"));
    }

    @Test
    void aStatefulSetIsHealthyWhenAllReplicasAreReadyOnTheUpdateRevision() {
        assertThat(assess("StatefulSet", "{'replicas':3}", "{'observedGeneration':1,'readyReplicas':3,"
                + "'updatedReplicas':3,'currentRevision':'db-2','updateRevision':'db-2'}").health())
                .isEqualTo(Health.HEALTHY);
    }

    @Test
    void aStatefulSetIsProgressingWhileReplicasAreNotReadyOrTheRollingUpdateRuns() {
        assertThat(assess("StatefulSet", "{'replicas':3}", "{'observedGeneration':1,'readyReplicas':2}").message())
                .isEqualTo("2 of 3 replicas ready");
        assertThat(assess("StatefulSet", "{'replicas':1}", "{'observedGeneration':1,'readyReplicas':1,"
                + "'updatedReplicas':1,'currentRevision':'db-1','updateRevision':'db-2'}").health())
                .isEqualTo(Health.PROGRESSING);
    }

    @Test
    void aDaemonSetIsHealthyWhenEveryScheduledNodeRunsTheUpdatedAvailablePod() {
        assertThat(assess("DaemonSet", "{}", "{'observedGeneration':1,'desiredNumberScheduled':2,"
                + "'updatedNumberScheduled':2,'numberAvailable':2}").health()).isEqualTo(Health.HEALTHY);
        assertThat(assess("DaemonSet", "{}", "{'observedGeneration':1,'desiredNumberScheduled':2,"
                + "'updatedNumberScheduled':2,'numberAvailable':1}").message()).isEqualTo("1 of 2 nodes available");
    }
}
