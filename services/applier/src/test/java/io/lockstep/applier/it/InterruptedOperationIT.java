package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static io.lockstep.applier.fixtures.Manifests.prune;
import static io.lockstep.applier.fixtures.Manifests.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.applier.recovery.StartupRecovery;
import io.lockstep.applier.sync.PrunePolicy;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class InterruptedOperationIT extends ApplierIT {
    @Inject
    StartupRecovery recovery;

    /** What a process killed mid-sync leaves behind: the operation recorded as running, with its plan. */
    void recordRunning(DriftDetected drift) throws Exception {
        try (Connection c = jdbc(); PreparedStatement s = c.prepareStatement("insert into applier.sync_operation "
                + "(operation_id, app_id, revision, author, trigger_reason, plan_summary, plan_time, status, "
                + "started_at, announced, plan_event) values (?, ?, ?, ?, ?, ?, ?, 'running', ?, false, ?)")) {
            s.setString(1, drift.id());
            s.setString(2, drift.appId());
            s.setString(3, drift.commit().revision());
            s.setString(4, drift.commit().author());
            s.setString(5, drift.reason());
            s.setString(6, "2 create, 1 prune");
            s.setTimestamp(7, Timestamp.from(drift.time()));
            s.setTimestamp(8, Timestamp.from(Instant.now()));
            s.setString(9, new String(EventCodec.encode(drift), StandardCharsets.UTF_8));
            s.executeUpdate();
        }
    }

    @Test
    void anOperationLeftRunningIsCompletedAtStartUpAndPrunesNothingItDoesNotOwn() throws Exception {
        JsonNode nsObject = namespace(appId, ns);
        JsonNode foreign = configMap(null, ns, "theirs", "k", "v");
        kube().namespaces().resource(kube().getKubernetesSerialization().convertValue(nsObject,
                io.fabric8.kubernetes.api.model.Namespace.class)).create();
        kube().configMaps().inNamespace(ns).resource(kube().getKubernetesSerialization().convertValue(foreign,
                io.fabric8.kubernetes.api.model.ConfigMap.class)).create();
        JsonNode ours = configMap(appId, ns, "ours", "k", "v");
        DriftDetected drift = drift("9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e", Instant.now(), create(nsObject),
                create(ours), prune(ref(foreign)));
        recordRunning(drift);

        assertThat(recovery.recover()).isGreaterThanOrEqualTo(1);
        SyncCompleted result = awaitResult(drift);

        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(live(ours)).isNotNull();
        assertThat(live(foreign)).as("not in the inventory: never pruned").isNotNull();
        assertThat(result.results()).filteredOn(r -> r.ref().equals(ref(foreign))).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ResultCode.PRUNE_SKIPPED);
            assertThat(r.message()).isEqualTo(PrunePolicy.NOT_IN_INVENTORY);
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(historyRow(drift.id()))
                .containsEntry("status", "completed").containsEntry("announced", true));
        // The drift's redelivery after the restart changes nothing more.
        producer.send(drift);
        syncAndAwait(drift("9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e", Instant.now().plusSeconds(1),
                io.lockstep.applier.fixtures.Manifests.unchanged(ours)));
        assertThat(results.events(SyncCompleted.class, r -> r.operationId().equals(drift.id()))).hasSize(1);
    }
}
