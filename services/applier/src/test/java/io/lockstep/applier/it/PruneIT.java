package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static io.lockstep.applier.fixtures.Manifests.prune;
import static io.lockstep.applier.fixtures.Manifests.ref;
import static io.lockstep.applier.fixtures.Manifests.unchanged;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class PruneIT extends ApplierIT {
    @Test
    void prunesOnlyAnnotatedInventoryObjectsAndLeavesAForeignObjectOfTheSameNameAlone() {
        JsonNode nsObject = namespace(appId, ns);
        JsonNode keep = configMap(appId, ns, "keep", "k", "v");
        JsonNode old = configMap(appId, ns, "old", "k", "v");
        JsonNode shared = configMap(appId, ns, "shared", "k", "v");
        Instant t = Instant.now();
        syncAndAwait(drift("5555555555555555555555555555555555555555", t, create(nsObject), create(keep),
                create(old), create(shared)));
        // Someone replaces "shared" with an object of their own: same name, no tracking annotation.
        kube().configMaps().inNamespace(ns).withName("shared").delete();
        kube().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("shared")
                .withNamespace(ns).endMetadata().addToData("owner", "someone else").build()).create();

        SyncCompleted result = syncAndAwait(drift("6666666666666666666666666666666666666666", t.plusSeconds(1),
                unchanged(nsObject), unchanged(keep), prune(ref(old)), prune(ref(shared))));

        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(live(old)).isNull();
        assertThat(live(keep)).isNotNull();
        assertThat(live(shared).path("data").path("owner").asText()).isEqualTo("someone else");
        assertThat(result.results()).filteredOn(r -> r.ref().name().equals("old")).singleElement()
                .extracting(ObjectResult::code).isEqualTo(ResultCode.PRUNED);
        assertThat(result.results()).filteredOn(r -> r.ref().name().equals("shared")).singleElement()
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo(ResultCode.PRUNE_SKIPPED);
                    assertThat(r.message()).contains("lockstep.io/app");
                });
    }

    @Test
    void anObjectCarryingOurAnnotationButNeverAppliedByTheApplierIsNotPruned() {
        JsonNode nsObject = namespace(appId, ns);
        JsonNode keep = configMap(appId, ns, "keep", "k", "v");
        Instant t = Instant.now();
        syncAndAwait(drift("7777777777777777777777777777777777777777", t, create(nsObject), create(keep)));
        JsonNode planted = configMap(appId, ns, "planted", "k", "v");
        kube().resource(kube().getKubernetesSerialization().convertValue(planted,
                io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).create();

        SyncCompleted result = syncAndAwait(drift("8888888888888888888888888888888888888888", t.plusSeconds(1),
                unchanged(nsObject), unchanged(keep), prune(ref(planted))));

        assertThat(live(planted)).isNotNull();
        assertThat(result.results()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ResultCode.PRUNE_SKIPPED);
            assertThat(r.message()).contains("inventory");
        });
    }

    @Test
    void pruneDisabledLeavesTheObjectAndSaysSo() {
        JsonNode nsObject = namespace(appId, ns);
        JsonNode old = configMap(appId, ns, "old", "k", "v");
        Instant t = Instant.now();
        syncAndAwait(drift("9999999999999999999999999999999999999999", t, create(nsObject), create(old)));

        SyncCompleted result = syncAndAwait(drift("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", t.plusSeconds(1),
                automated(false, false), java.time.Duration.ofSeconds(5), unchanged(nsObject), prune(ref(old))));

        assertThat(live(old)).isNotNull();
        assertThat(result.results()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ResultCode.PRUNE_SKIPPED);
            assertThat(r.message()).isEqualTo("prune disabled");
        });
    }
}
