package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitEvent;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.model.SourceFile;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.TestRepo;
import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class MonorepoRoutingIT {
    private static final String SOURCE = "mono";

    @Test
    void aCommitTouchingOneApplicationAnnouncesOnlyThatApplication() {
        try (EventCollector events = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.COMMITS);
                TestRepo repo = TestRepo.of(SOURCE)) {
            repo.write("lockstep.yaml", Manifests.lockstepYaml("alpha", "beta"))
                    .write("apps/alpha/cm.yaml", Manifests.configMap("alpha", "1"))
                    .write("apps/beta/cm.yaml", Manifests.configMap("beta", "1"))
                    .commit("Two applications");
            await().atMost(Duration.ofSeconds(20)).until(() -> observed(events).size() == 2);

            events.clear();
            String second = repo.write("apps/alpha/cm.yaml", Manifests.configMap("alpha", "2"))
                    .write("docs/notes.md", "outside every application")
                    .commit("Change alpha only");
            await().atMost(Duration.ofSeconds(20)).until(() -> !observed(events).isEmpty());

            // Then a third commit, touching only beta: once it arrives, nothing more can be on its way for alpha.
            String third = repo.write("apps/beta/cm.yaml", Manifests.configMap("beta", "2")).commit("Change beta");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> observed(events).stream().anyMatch(e -> e.commit().revision().equals(third)));

            List<CommitObserved> all = observed(events);
            assertThat(all).filteredOn(e -> e.commit().revision().equals(second))
                    .singleElement().satisfies(e -> {
                        assertThat(e.appId()).isEqualTo("mono/alpha");
                        assertThat(e.files()).extracting(SourceFile::content)
                                .containsExactly(Manifests.configMap("alpha", "2"));
                    });
            assertThat(all).filteredOn(e -> e.commit().revision().equals(third))
                    .extracting(CommitEvent::appId).containsExactly("mono/beta");
        }
    }

    private static List<CommitObserved> observed(EventCollector events) {
        return events.events(CommitObserved.class, e -> e.source().equals(SOURCE));
    }
}
