package io.lockstep.applier.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.model.Health;
import org.junit.jupiter.api.Test;

class PodJobAndReplicaSetHealthTest {
    private static HealthStatus pod(String status) {
        return HealthRules.assess(Live.json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},"
                + "'spec':{},'status':" + status + "}"));
    }

    private static HealthStatus job(String status) {
        return HealthRules.assess(Live.json("{'apiVersion':'batch/v1','kind':'Job','metadata':{'name':'migrate'},"
                + "'spec':{},'status':" + status + "}"));
    }

    private static HealthStatus replicaSet(String status) {
        return HealthRules.assess(Live.json("{'apiVersion':'apps/v1','kind':'ReplicaSet','metadata':{'name':'rs',"
                + "'generation':2},'spec':{'replicas':2},'status':" + status + "}"));
    }

    @Test
    void aPodIsHealthyWhenRunningAndReadyOrSucceeded() {
        assertThat(pod("{'phase':'Running','conditions':[{'type':'Ready','status':'True'}]}").health())
                .isEqualTo(Health.HEALTHY);
        assertThat(pod("{'phase':'Succeeded'}").health()).isEqualTo(Health.HEALTHY);
        assertThat(pod("{'phase':'Running','conditions':[{'type':'Ready','status':'False'}]}").health())
                .isEqualTo(Health.PROGRESSING);
        assertThat(pod("{'phase':'Pending'}").health()).isEqualTo(Health.PROGRESSING);
    }

    @Test
    void aPodStuckOnAnImageOrCrashLoopingIsDegradedAndSaysWhich() {
        HealthStatus status = pod("{'phase':'Pending','containerStatuses':[{'name':'web','state':{'waiting':"
                + "{'reason':'ImagePullBackOff','message':'Back-off pulling image nginx:nope'}}}]}");

        assertThat(status.health()).isEqualTo(Health.DEGRADED);
        assertThat(status.message()).isEqualTo("container web: ImagePullBackOff: Back-off pulling image nginx:nope");
        assertThat(pod("{'phase':'Failed','message':'OOMKilled'}").health()).isEqualTo(Health.DEGRADED);
    }

    @Test
    void aJobIsHealthyOnceCompleteAndDegradedOnceFailed() {
        assertThat(job("{'conditions':[{'type':'Complete','status':'True'}]}").health()).isEqualTo(Health.HEALTHY);
        assertThat(job("{'active':1}").health()).isEqualTo(Health.PROGRESSING);
        HealthStatus failed = job("{'conditions':[{'type':'Failed','status':'True','reason':'BackoffLimitExceeded',"
                + "'message':'Job has reached the specified backoff limit'}]}");
        assertThat(failed.health()).isEqualTo(Health.DEGRADED);
        assertThat(failed.message()).isEqualTo("job failed: Job has reached the specified backoff limit");
    }

    @Test
    void aReplicaSetIsHealthyOnceEveryReplicaIsAvailable() {
        assertThat(replicaSet("{'observedGeneration':2,'availableReplicas':2}").health()).isEqualTo(Health.HEALTHY);
        assertThat(replicaSet("{'observedGeneration':2,'availableReplicas':1}").health())
                .isEqualTo(Health.PROGRESSING);
        assertThat(replicaSet("{'observedGeneration':1,'availableReplicas':2}").health())
                .isEqualTo(Health.PROGRESSING);
        assertThat(replicaSet("{'conditions':[{'type':'ReplicaFailure','status':'True','message':'quota exceeded'}]}")
                .health()).isEqualTo(Health.DEGRADED);
    }
}
