package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.TestRepo;
import io.lockstep.repowatcher.support.TopicHistory;
import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kafka.ReceivedEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class CredentialRedactionIT {

    @Test
    void aCommitFetchedThroughAUrlWithCredentialsIsAnnouncedWithTheUrlStripped() {
        String source = WatcherSourcesResource.SECRET;
        try (EventCollector events = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.COMMITS);
                TestRepo repo = TestRepo.of(source)) {
            repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "1"))
                    .commit("Over git://");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !events.events(CommitObserved.class, e -> e.source().equals(source)).isEmpty());

            CommitObserved observed = events.events(CommitObserved.class, e -> e.source().equals(source)).get(0);
            assertThat(observed.commit().repoUrl()).matches("git://127\\.0\\.0\\.1:\\d+/config\\.git");
            assertThat(events.received()).allSatisfy(WatcherSourcesResourceAssertions::carriesNoSecret);
        }
    }

    @Test
    void aFailureOnAUrlWithCredentialsNeverShowsThem() {
        String source = WatcherSourcesResource.UNREACHABLE;
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicHistory.read(KafkaBroker.bootstrapServers(),
                Topics.COMMITS).stream().anyMatch(r -> r.event() instanceof SourceFailed f
                        && f.source().equals(source)));

        SourceFailed failed = TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS).stream()
                .map(ReceivedEvent::event).filter(e -> e instanceof SourceFailed f && f.source().equals(source))
                .map(SourceFailed.class::cast).findFirst().orElseThrow();
        assertThat(failed.reason()).isEqualTo("fetch-failed");
        assertThat(failed.message()).contains("https://127.0.0.1:1/config.git");
        assertThat(TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS))
                .allSatisfy(WatcherSourcesResourceAssertions::carriesNoSecret);
    }

    /** No secret in the key, the headers or the payload of a record. */
    static final class WatcherSourcesResourceAssertions {
        static void carriesNoSecret(ReceivedEvent record) {
            String everything = record.key() + record.headers() + record.event();
            assertThat(everything).doesNotContain(WatcherSourcesResource.URL_PASSWORD)
                    .doesNotContain(WatcherSourcesResource.TOKEN)
                    .doesNotContain("ada:");
        }
    }
}
