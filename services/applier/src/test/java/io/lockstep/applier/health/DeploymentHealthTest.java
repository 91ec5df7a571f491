package io.lockstep.applier.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.model.Health;
import org.junit.jupiter.api.Test;

class DeploymentHealthTest {
    private static HealthStatus assess(String spec, String status) {
        return HealthRules.assess(Live.json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
                + "'generation':2},'spec':" + spec + ",'status':" + status + "}"));
    }

    @Test
    void isHealthyWhenEveryDesiredReplicaIsUpdatedAndAvailable() {
        assertThat(assess("{'replicas':2}",
                "{'observedGeneration':2,'replicas':2,'updatedReplicas':2,'availableReplicas':2}").health())
                .isEqualTo(Health.HEALTHY);
    }

    @Test
    void isProgressingUntilTheControllerObservedTheNewSpec() {
        HealthStatus s = assess("{'replicas':1}",
                "{'observedGeneration':1,'replicas':1,'updatedReplicas':1,'availableReplicas':1}");

        assertThat(s.health()).isEqualTo(Health.PROGRESSING);
        assertThat(s.message()).contains("generation 2");
    }

    @Test
    void isProgressingWhileReplicasAreUpdatedOrOldOnesTerminate() {
        assertThat(assess("{'replicas':2}", "{'observedGeneration':2,'replicas':2,'updatedReplicas':1}").message())
                .isEqualTo("1 of 2 replicas updated");
        assertThat(assess("{'replicas':1}",
                "{'observedGeneration':2,'replicas':2,'updatedReplicas':1,'availableReplicas':1}").message())
                .isEqualTo("1 old replicas pending termination");
        assertThat(assess("{'replicas':1}",
                "{'observedGeneration':2,'replicas':1,'updatedReplicas':1,'availableReplicas':0}").message())
                .isEqualTo("0 of 1 updated replicas available");
    }

    @Test
    void isDegradedWhenTheRolloutExceededItsProgressDeadline() {
        HealthStatus s = assess("{'replicas':1}", "{'observedGeneration':2,'conditions':[{'type':'Progressing',"
                + "'status':'False','reason':'ProgressDeadlineExceeded','message':'web has timed out'}]}");

        assertThat(s.health()).isEqualTo(Health.DEGRADED);
        assertThat(s.message()).contains("web has timed out");
    }
}
