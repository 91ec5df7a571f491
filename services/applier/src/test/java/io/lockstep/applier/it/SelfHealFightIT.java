package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static io.lockstep.applier.fixtures.Manifests.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class SelfHealFightIT extends ApplierIT {
    static final String REVISION = "b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1";

    DriftDetected liveChange(Instant time, String value) {
        DriftDetected drift = drift(REVISION, time, app(new SyncPolicy(true, true, true, false), Duration.ofSeconds(20),
                null, List.of()), update(configMap(appId, ns, "cfg", "k", "v")));
        return new DriftDetected(drift.id() + "-" + value, drift.appId(), drift.commit(), drift.app(),
                DriftDetected.LIVE_CHANGE, drift.plan(), drift.time());
    }

    @Test
    void anObjectThatKeepsBeingChangedBackIsReportedAsAFightInsteadOfHealedForever() {
        Instant t = Instant.now();
        syncAndAwait(drift(REVISION, t, create(namespace(appId, ns)), create(configMap(appId, ns, "cfg", "k", "v"))));

        for (int i = 1; i <= 3; i++) {
            assertThat(syncAndAwait(liveChange(t.plusSeconds(i), "heal" + i)).outcome())
                    .isEqualTo(SyncOutcome.SUCCEEDED);
        }
        SyncCompleted fourth = syncAndAwait(liveChange(t.plusSeconds(4), "heal4"));

        assertThat(fourth.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(fourth.trigger()).isEqualTo(DriftDetected.LIVE_CHANGE);
        assertThat(fourth.results()).isEmpty();
        assertThat(fourth.error()).isEqualTo("fighting with another controller: ConfigMap " + ns + "/cfg was changed "
                + "in the cluster 4 times within 2m and healed each time; self-heal of it pauses for 5m");
    }
}
