package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The application's own sync options decide: createNamespace and force (replace: ReplaceOnImmutableChangeIT). */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class SyncOptionsIT extends ApplierIT {
    static SyncPolicy options(boolean createNamespace, boolean force) {
        return new SyncPolicy(true, true, false, false, createNamespace, false, force);
    }

    @Test
    void anApplicationThatAsksForItsNamespaceGetsItCreatedFirstAndNeverPruned() throws Exception {
        SyncCompleted result = syncAndAwait(drift("c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1", Instant.now(),
                options(true, false), Duration.ofSeconds(20), create(configMap(appId, ns, "cfg", "k", "v"))));

        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(result.results()).extracting(ObjectResult::message)
                .containsExactly("created (target namespace)", "created");
        var namespace = kube().namespaces().withName(ns).get();
        assertThat(namespace).isNotNull();
        assertThat(namespace.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "lockstep");
        // Not tracked: the inventory never lists it, so no prune can ever delete it.
        assertThat(namespace.getMetadata().getAnnotations()).doesNotContainKey("lockstep.io/app");
        try (var c = jdbc(); var s = c.prepareStatement(
                "select count(*) from applier.inventory_entry where app_id = ? and kind = 'Namespace'")) {
            s.setString(1, appId);
            try (var rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void anApplicationThatDoesNotAskForItsNamespaceDoesNotGetOne() {
        SyncCompleted result = syncAndAwait(drift("c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2", Instant.now(),
                options(false, false), Duration.ofSeconds(20), create(configMap(appId, ns, "cfg", "k", "v"))));

        assertThat(result.results()).extracting(ObjectResult::message).doesNotContain("created (target namespace)");
        assertThat(kube().namespaces().withName(ns).get()).isNull();
    }

    @Test
    void aConflictWithAnotherFieldManagerFailsTheObjectNamingTheManagerAndTheFieldUnlessTheAppForces() {
        kube().resource(new ConfigMapBuilder().withNewMetadata().withName("shared").withNamespace(ns).endMetadata()
                .withData(Map.of("owner", "mesh")).build()).fieldManager("mesh-injector").serverSideApply();

        SyncCompleted refused = syncAndAwait(drift("c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3", Instant.now(),
                options(false, false), Duration.ofSeconds(20),
                update(configMap(appId, ns, "shared", "owner", "lockstep"))));

        assertThat(refused.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(refused.results()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ResultCode.SYNC_FAILED);
            assertThat(r.message()).contains("fields are owned by another field manager", "\"mesh-injector\"",
                    ".data.owner", "set sync.force: true to take these fields over");
        });
        assertThat(kube().configMaps().inNamespace(ns).withName("shared").get().getData())
                .containsEntry("owner", "mesh");

        SyncCompleted forced = syncAndAwait(drift("c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4", Instant.now(),
                options(false, true), Duration.ofSeconds(20),
                update(configMap(appId, ns, "shared", "owner", "lockstep"))));

        assertThat(forced.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        var live = kube().configMaps().inNamespace(ns).withName("shared").get();
        assertThat(live.getData()).containsEntry("owner", "lockstep");
        assertThat(live.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .contains("lockstep");
    }

    @Test
    void aSelfHealTakesBackFieldsAHandEditTookEvenWithoutForce() {
        SyncPolicy selfHeal = new SyncPolicy(true, true, true, false);
        SyncCompleted deployed = syncAndAwait(drift("c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5", Instant.now(),
                selfHeal, Duration.ofSeconds(20), create(configMap(appId, ns, "edited", "mode", "git"))));
        assertThat(deployed.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        // What kubectl edit does on a real cluster: another manager now owns the field Lockstep declared.
        kube().resource(new ConfigMapBuilder().withNewMetadata().withName("edited").withNamespace(ns).endMetadata()
                .withData(Map.of("mode", "by-hand")).build()).fieldManager("kubectl-edit").forceConflicts()
                .serverSideApply();

        DriftDetected live = drift("c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5", Instant.now(), selfHeal,
                Duration.ofSeconds(20), update(configMap(appId, ns, "edited", "mode", "git")));
        DriftDetected heal = new DriftDetected(live.id() + "-heal", live.appId(), live.commit(), live.app(),
                DriftDetected.LIVE_CHANGE, live.plan(), live.time());
        SyncCompleted healed = syncAndAwait(heal);

        assertThat(healed.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(kube().configMaps().inNamespace(ns).withName("edited").get().getData())
                .containsEntry("mode", "git");
    }
}
