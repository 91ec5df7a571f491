package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.SourceFailed;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fetching over smart HTTP (JGit's GitServlet on Jetty, basic auth) with each kind of credential, and proof that no
 * credential reaches an event or a log line.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class HttpCredentialsIT {
    private static final Path LOG = Path.of("target/repo-watcher-test.log");

    @Inject
    PollScheduler scheduler;

    @Test
    void aTokenFetchesOverHttpAndNeverShows() throws IOException {
        CommitObserved observed = commitAndPoll(WatcherSourcesResource.HTTP_TOKEN);
        assertThat(observed.commit().repoUrl()).matches("http://127\\.0\\.0\\.1:\\d+/git/http-token\\.git");
        assertNoSecretAnywhere();
    }

    @Test
    void aUserAndAPasswordFromAFileFetchOverHttpAndNeverShow() throws IOException {
        CommitObserved observed = commitAndPoll(WatcherSourcesResource.HTTP_PASSWORD);
        assertThat(observed.commit().repoUrl()).matches("http://127\\.0\\.0\\.1:\\d+/git/http-password\\.git");
        assertNoSecretAnywhere();
    }

    @Test
    void aWrongTokenIsReportedAsAuthFailedWithoutTheToken() throws IOException {
        String source = WatcherSourcesResource.HTTP_WRONG;
        try (TestRepo repo = TestRepo.of(source)) {
            repo.write("lockstep.yaml", Manifests.lockstepYaml("web")).commit("Nobody may read this");
        }
        assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.UNAVAILABLE);

        await().atMost(Duration.ofSeconds(20)).until(() -> !failures(source).isEmpty());
        SourceFailed failed = failures(source).get(0);
        assertThat(failed.reason()).isEqualTo("auth-failed");
        assertThat(failed.message()).contains("http://127.0.0.1:").contains("/git/http-wrong.git");
        assertThat(failed.apps()).isEmpty();
        assertNoSecretAnywhere();
    }

    private CommitObserved commitAndPoll(String source) {
        String sha;
        try (TestRepo repo = TestRepo.of(source)) {
            sha = repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", source)).commit("Over HTTP");
        }
        assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.ANNOUNCED);
        await().atMost(Duration.ofSeconds(20)).until(() -> observed(source, sha) != null);
        return observed(source, sha);
    }

    private static CommitObserved observed(String source, String sha) {
        return TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS).stream().map(ReceivedEvent::event)
                .filter(e -> e instanceof CommitObserved c && c.source().equals(source)
                        && c.commit().revision().equals(sha))
                .map(CommitObserved.class::cast).findFirst().orElse(null);
    }

    private static List<SourceFailed> failures(String source) {
        return TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS).stream().map(ReceivedEvent::event)
                .filter(e -> e instanceof SourceFailed f && f.source().equals(source))
                .map(SourceFailed.class::cast).toList();
    }

    /** No credential of any kind in any record (key, headers, payload) or in the service's log. */
    private static void assertNoSecretAnywhere() throws IOException {
        List<String> secrets = List.of(WatcherSourcesResource.HTTP_TOKEN_VALUE,
                WatcherSourcesResource.HTTP_PASSWORD_VALUE, WatcherSourcesResource.HTTP_WRONG_TOKEN_VALUE,
                WatcherSourcesResource.URL_PASSWORD, WatcherSourcesResource.TOKEN,
                WatcherSourcesResource.WEBHOOK_SECRET, WatcherSourcesResource.FILE_WEBHOOK_SECRET);
        for (ReceivedEvent record : TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS)) {
            String everything = record.key() + record.headers() + record.event();
            assertThat(secrets).noneMatch(everything::contains);
        }
        assertThat(LOG).exists();
        String log = Files.readString(LOG);
        assertThat(secrets).noneMatch(log::contains);
    }
}
