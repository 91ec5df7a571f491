package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.deployment;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static io.lockstep.applier.fixtures.Manifests.unchanged;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class ReplayedPlanIT extends ApplierIT {
    @Test
    void aReplayedPlanChangesNothingAndIsNotAnnouncedAgain() {
        JsonNode cm = configMap(appId, ns, "cfg", "k", "v");
        JsonNode web = deployment(appId, ns, "web", "nginx:1.27");
        Instant t = Instant.now();
        DriftDetected drift = drift("4444444444444444444444444444444444444444", t, create(namespace(appId, ns)),
                create(cm), create(web));
        assertThat(syncAndAwait(drift).outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        String cmVersion = live(cm).path("metadata").path("resourceVersion").asText();
        String webVersion = live(web).path("metadata").path("resourceVersion").asText();

        producer.send(drift);
        // A later plan of the same application is handled after the replay (same partition, in order).
        DriftDetected marker = drift("4444444444444444444444444444444444444444", t.plusSeconds(1), unchanged(cm));
        syncAndAwait(marker);

        List<SyncCompleted> announced = results.events(SyncCompleted.class,
                r -> r.operationId().equals(drift.id()));
        assertThat(announced).hasSize(1);
        assertThat(live(cm).path("metadata").path("resourceVersion").asText()).isEqualTo(cmVersion);
        assertThat(live(web).path("metadata").path("resourceVersion").asText()).isEqualTo(webVersion);
    }
}
