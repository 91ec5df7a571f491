package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.events.SyncRequested;
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
class ManualSyncIT extends ApplierIT {
    @Test
    void aSyncCommandReappliesTheLastPlanAndRepairsWhatWasDeletedSince() {
        JsonNode cm = configMap(appId, ns, "cfg", "k", "v");
        syncAndAwait(drift("8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d", Instant.now(), create(namespace(appId, ns)),
                create(cm)));
        kube().configMaps().inNamespace(ns).withName("cfg").delete();

        SyncRequested command = new SyncRequested(EventIds.of(EventType.SYNC_REQUESTED, appId, "dave"), appId, "dave",
                Instant.now());
        producer.send(command);
        SyncCompleted result = awaitResult(command.id());

        assertThat(result.trigger()).isEqualTo("manual");
        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(result.commit().revision()).isEqualTo("8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d8d");
        assertThat(live(cm)).isNotNull();
    }
}
