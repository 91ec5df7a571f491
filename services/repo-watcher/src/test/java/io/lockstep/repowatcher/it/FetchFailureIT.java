package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitEvent;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.repowatcher.poll.PollOutcome;
import io.lockstep.repowatcher.schedule.PollScheduler;
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
class FetchFailureIT {
    private static final String SOURCE = WatcherSourcesResource.MISSING;

    @Inject
    PollScheduler scheduler;

    @Test
    void aMissingRepositoryIsReportedAsFetchFailedOnceAndNeverAsAnEmptySource() {
        await().atMost(Duration.ofSeconds(20)).until(() -> !failures().isEmpty());

        // Polling again and again while it stays missing reports nothing new.
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.UNAVAILABLE);
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.UNAVAILABLE);

        List<CommitEvent> all = TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS).stream()
                .map(r -> (CommitEvent) r.event()).filter(e -> e.appId().equals(SOURCE)
                        || e.appId().startsWith(SOURCE + "/")).toList();
        assertThat(all).singleElement().isInstanceOfSatisfying(SourceFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo("fetch-failed");
            assertThat(failed.source()).isEqualTo(SOURCE);
            assertThat(failed.commit()).isNull();
            assertThat(failed.apps()).isEmpty();
            assertThat(failed.message()).contains("nothing-here.git");
        });
    }

    private static List<SourceFailed> failures() {
        return TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS).stream()
                .map(r -> r.event()).filter(e -> e instanceof SourceFailed f && f.source().equals(SOURCE))
                .map(SourceFailed.class::cast).toList();
    }
}
