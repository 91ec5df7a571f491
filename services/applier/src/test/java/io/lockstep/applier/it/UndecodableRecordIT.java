package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class UndecodableRecordIT extends ApplierIT {
    @Test
    void aRecordThatIsNotALockstepEventIsDeadLetteredAndTheApplicationsNextPlanStillRuns() {
        try (EventCollector deadLetters = EventCollector.open(KafkaBroker.start(), Topics.DLQ_APPLIER)) {
            producer.sendRaw(Topics.DRIFT, appId, "{not json".getBytes(StandardCharsets.UTF_8));

            var next = syncAndAwait(drift("cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd", Instant.now(),
                    create(namespace(appId, ns)), create(configMap(appId, ns, "cfg", "k", "v"))));

            assertThat(next.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
            await().atMost(WAIT).until(() -> !deadLetters.undecodable().isEmpty());
        }
    }
}
