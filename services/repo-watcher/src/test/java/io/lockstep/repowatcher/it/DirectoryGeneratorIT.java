package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.AppRemoved;
import io.lockstep.contracts.events.CommitEvent;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.repowatcher.poll.PollOutcome;
import io.lockstep.repowatcher.schedule.PollScheduler;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.TestRepo;
import io.lockstep.repowatcher.support.TopicHistory;
import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class DirectoryGeneratorIT {
    private static final String SOURCE = WatcherSourcesResource.GENERATED;

    @Inject
    PollScheduler scheduler;

    @Test
    void foldersAddedAndRemovedUnderTheGeneratorsPatternBecomeAndStopBeingApplications() {
        try (TestRepo repo = TestRepo.of(SOURCE)) {
            String first = repo.write("lockstep.yaml", """
                    apiVersion: lockstep.io/v1
                    generators:
                      - directories: apps/*
                        template:
                          target: { cluster: in-cluster, namespace: "team-{{name}}" }
                          sync: { automated: true, prune: true }
                    """)
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "1"))
                    .write("apps/api/cm.yaml", Manifests.configMap("api", "1"))
                    .commit("Two generated apps");
            assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.ANNOUNCED);
            await().atMost(Duration.ofSeconds(20)).until(() -> observedAt(first).size() == 2);
            assertThat(observedAt(first)).extracting(CommitObserved::appId)
                    .containsExactlyInAnyOrder(SOURCE + "/web", SOURCE + "/api");
            assertThat(observedAt(first)).allSatisfy(e -> assertThat(e.app().target().namespace())
                    .isEqualTo("team-" + e.app().name()));

            String second = repo.write("apps/db/cm.yaml", Manifests.configMap("db", "1")).delete("apps/api/cm.yaml")
                    .commit("db added, api gone");
            assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.ANNOUNCED);
            await().atMost(Duration.ofSeconds(20)).until(() -> events().stream()
                    .anyMatch(e -> e instanceof AppRemoved r && r.commit().revision().equals(second)));
            assertThat(observedAt(second)).extracting(CommitObserved::appId).containsExactly(SOURCE + "/db");
            assertThat(events()).filteredOn(e -> e instanceof AppRemoved).extracting(CommitEvent::appId)
                    .containsExactly(SOURCE + "/api");
        }
    }

    private static List<CommitEvent> events() {
        return TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS).stream()
                .map(r -> (CommitEvent) r.event()).filter(e -> e.appId().startsWith(SOURCE + "/")).toList();
    }

    private static List<CommitObserved> observedAt(String sha) {
        return events().stream().filter(e -> e instanceof CommitObserved c && c.commit().revision().equals(sha))
                .map(CommitObserved.class::cast).toList();
    }
}
