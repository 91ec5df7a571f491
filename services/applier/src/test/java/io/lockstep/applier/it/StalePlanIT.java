package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static io.lockstep.applier.fixtures.Manifests.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
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
class StalePlanIT extends ApplierIT {
    @Test
    void aPlanOlderThanTheLastAppliedRevisionIsSupersededAndChangesNothing() throws Exception {
        Instant t = Instant.now();
        DriftDetected newer = drift("f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2", t, create(namespace(appId, ns)),
                create(configMap(appId, ns, "cfg", "version", "2")));
        DriftDetected older = drift("f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1", t.minusSeconds(30),
                create(namespace(appId, ns)), update(configMap(appId, ns, "cfg", "version", "1")));
        assertThat(syncAndAwait(newer).outcome()).isEqualTo(SyncOutcome.SUCCEEDED);

        SyncCompleted stale = syncAndAwait(older);

        assertThat(stale.outcome()).isEqualTo(SyncOutcome.SUPERSEDED);
        assertThat(stale.results()).isEmpty();
        assertThat(stale.error()).contains("f2f2f2f");
        assertThat(live(configMap(appId, ns, "cfg", "version", "2")).path("data").path("version").asText())
                .isEqualTo("2");
        assertThat(historyRow(older.id())).containsEntry("outcome", "superseded");
    }
}
