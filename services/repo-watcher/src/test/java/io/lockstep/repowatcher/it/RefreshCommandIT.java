package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.RefreshRequested;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.TestRepo;
import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kafka.TestProducer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class RefreshCommandIT {
    private static final String SOURCE = WatcherSourcesResource.MANUAL;

    @Test
    void aRefreshCommandForAnApplicationPollsItsSourceAtOnce() {
        try (EventCollector events = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.COMMITS);
                TestProducer producer = new TestProducer(KafkaBroker.bootstrapServers());
                TestRepo repo = TestRepo.of(SOURCE)) {
            String sha = repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "1"))
                    .commit("Waiting for a refresh");

            // The source polls hourly: only the command can make this commit appear within the test.
            producer.send(new RefreshRequested(EventIds.of(EventType.REFRESH_REQUESTED, "manual/web", sha),
                    "manual/web", "ada", Instant.now()));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !events.events(CommitObserved.class, e -> e.source().equals(SOURCE)).isEmpty());
            assertThat(events.events(CommitObserved.class, e -> e.source().equals(SOURCE)).get(0).commit().revision())
                    .isEqualTo(sha);
        }
    }
}
