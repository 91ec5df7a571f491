package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.deployment;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

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
class DegradedHealthIT extends ApplierIT {
    @Test
    void aDeploymentThatNeverBecomesAvailableIsDegradedAfterTheApplicationsHealthTimeout() {
        workloads.holdUnhealthy(ns, "web");

        SyncCompleted result = syncAndAwait(drift("abababababababababababababababababababab", Instant.now(),
                automated(true, false), Duration.ofSeconds(2), create(namespace(appId, ns)),
                create(deployment(appId, ns, "web", "nginx:broken"))));

        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(result.health()).isEqualTo(Health.DEGRADED);
        assertThat(result.error()).startsWith("not healthy within 2s: Deployment " + ns + "/web: progressing");
        assertThat(result.finishedAt()).isAfterOrEqualTo(result.startedAt().plusSeconds(2));
    }
}
