package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
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
import io.lockstep.testsupport.kafka.ReceivedEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sources that follow a tag, or the newest tag in a version range, instead of a branch. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class TagTrackingIT {

    @Inject
    PollScheduler scheduler;

    @Test
    void anExactTagIsFollowedWhereverItPointsAndCommitsOnTheBranchAreNot() {
        String source = WatcherSourcesResource.TAGGED;
        try (TestRepo repo = TestRepo.of(source)) {
            String tagged = repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "1.0.0")).commit("Release 1.0.0");
            repo.tag("v1.0.0", true);
            assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.ANNOUNCED);
            await().atMost(Duration.ofSeconds(20)).until(() -> revisions(source).contains(tagged));

            String untagged = repo.write("apps/web/cm.yaml", Manifests.configMap("web", "work in progress"))
                    .commit("Not released");
            assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.UNCHANGED);

            repo.tag("v1.0.0", true);
            assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.ANNOUNCED);
            await().atMost(Duration.ofSeconds(20)).until(() -> revisions(source).contains(untagged));
            assertThat(revisions(source)).containsExactly(tagged, untagged);
        }
    }

    @Test
    void theNewestTagInTheRangeWinsNotTheLatestPushed() {
        String source = WatcherSourcesResource.RANGED;
        try (TestRepo repo = TestRepo.of(source)) {
            repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "1.2.0")).commit("1.2.0");
            repo.tag("v1.2.0", false);
            String newest = repo.write("apps/web/cm.yaml", Manifests.configMap("web", "1.10.0")).commit("1.10.0");
            repo.tag("v1.10.0", true);
            repo.write("apps/web/cm.yaml", Manifests.configMap("web", "2.0.0")).commit("2.0.0, out of range");
            repo.tag("v2.0.0", true);
            repo.write("apps/web/cm.yaml", Manifests.configMap("web", "1.3.0")).commit("1.3.0, a late backport");
            repo.tag("v1.3.0", false);

            assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.ANNOUNCED);
            await().atMost(Duration.ofSeconds(20)).until(() -> revisions(source).contains(newest));
            assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.UNCHANGED);
            assertThat(revisions(source)).containsExactly(newest);
            CommitObserved observed = TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS).stream()
                    .map(ReceivedEvent::event).filter(e -> e instanceof CommitObserved c && c.source().equals(source))
                    .map(CommitObserved.class::cast).findFirst().orElseThrow();
            assertThat(observed.files()).singleElement().satisfies(f -> assertThat(f.content()).contains("1.10.0"));
        }
    }

    private static List<String> revisions(String source) {
        return TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS).stream().map(ReceivedEvent::event)
                .filter(e -> e instanceof CommitObserved c && c.source().equals(source))
                .map(e -> ((CommitObserved) e).commit().revision()).distinct().toList();
    }
}
