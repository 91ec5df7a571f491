package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.annotated;
import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.deployment;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.applier.sync.SyncStateMachine;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class SyncWavesIT extends ApplierIT {
    @Test
    void theNextWaveIsAppliedOnlyOnceThePreviousWavesDeploymentIsHealthy() {
        workloads.holdUnhealthy(ns, "db");
        JsonNode db = deployment(appId, ns, "db", "postgres:16");
        JsonNode web = annotated(deployment(appId, ns, "web", "nginx:1.27"), SyncStateMachine.SYNC_WAVE_ANNOTATION, "1");
        JsonNode cfg = annotated(configMap(appId, ns, "after-db", "k", "v"), SyncStateMachine.SYNC_WAVE_ANNOTATION,
                "1");
        DriftDetected drift = drift("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", Instant.now(), automated(true, false),
                Duration.ofSeconds(60), create(cfg), create(web), create(db), create(namespace(appId, ns)));

        producer.send(drift);
        await().atMost(WAIT).until(() -> live(db) != null);
        // The applier polls the held Deployment meanwhile; wave 1 must not appear while it is unhealthy.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> live(cfg) == null && live(web) == null);
        workloads.release(ns, "db");
        SyncCompleted result = awaitResult(drift);

        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(result.health()).isEqualTo(Health.HEALTHY);
        assertThat(live(cfg)).isNotNull();
        assertThat(live(web)).isNotNull();
        assertThat(result.results()).extracting(r -> r.ref().name())
                .containsExactly(ns, "db", "after-db", "web");
    }
}
