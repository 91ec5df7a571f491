package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class MultiClusterIT extends ApplierIT {
    @Test
    void anApplicationIsAppliedToTheClusterItsTargetNames() {
        JsonNode cm = configMap(appId, ns, "cfg", "k", "v");

        SyncCompleted result = syncAndAwait(drift("a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", Instant.now(),
                app(automated(true, false), Duration.ofSeconds(20), ApplierFixtures.EDGE, List.of()),
                create(namespace(appId, ns)), create(cm)));

        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(live(fixtures.edge().client(), cm)).isNotNull();
        assertThat(live(cm)).as("not in the default cluster").isNull();
    }

    @Test
    void anUnknownClusterFailsThatApplicationOnly() {
        SyncCompleted unknown = syncAndAwait(drift("a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2", Instant.now(),
                app(automated(true, false), Duration.ofSeconds(20), "mars", List.of()),
                create(namespace(appId, ns)), create(configMap(appId, ns, "cfg", "k", "v"))));
        appId = "demo/neighbour-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode neighbours = configMap(appId, ns, "neighbour", "k", "v");
        SyncCompleted neighbour = syncAndAwait(drift("a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3", Instant.now(),
                create(namespace(appId, ns)), create(neighbours)));

        assertThat(unknown.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(unknown.error()).isEqualTo("unknown cluster 'mars' (configured: edge, in-cluster)");
        assertThat(unknown.results()).extracting(r -> r.code()).containsOnly(ResultCode.SYNC_FAILED);
        assertThat(neighbour.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(live(neighbours)).isNotNull();
    }
}
