package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.AppRemoved;
import io.lockstep.contracts.events.CommitEvent;
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
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;

/** A force-push and a deleted branch: typed outcomes, never a state that is not real, never a bogus removal. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class HistoryRewriteIT {

    @Inject
    PollScheduler scheduler;

    @Test
    void aForcePushMakesTheNewCommitAFreshBaselineForEveryApplicationWithoutRemovals() {
        String source = WatcherSourcesResource.REWRITE;
        try (TestRepo repo = TestRepo.of(source)) {
            repo.write("lockstep.yaml", Manifests.lockstepYaml("web", "api"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "1"))
                    .write("apps/api/cm.yaml", Manifests.configMap("api", "1")).commit("Both apps");
            assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.ANNOUNCED);
            String dropped = repo.write("apps/web/cm.yaml", Manifests.configMap("web", "2")).commit("Web 2");
            assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.ANNOUNCED);

            // Rewrite: drop "Web 2" and push another commit on the old parent instead.
            repo.resetHard("HEAD~1");
            String rewritten = repo.write("apps/api/cm.yaml", Manifests.configMap("api", "2"))
                    .commitAndForcePush("Api 2, history rewritten");
            assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.ANNOUNCED);

            await().atMost(Duration.ofSeconds(20)).until(() -> observedAt(source, rewritten).size() == 2);
            List<CommitObserved> atRewrite = observedAt(source, rewritten);
            assertThat(atRewrite).extracting(CommitObserved::appId)
                    .containsExactlyInAnyOrder(source + "/web", source + "/api");
            // The web app is announced as it is now: its dropped change is gone from what it declares.
            assertThat(atRewrite).filteredOn(e -> e.appId().endsWith("/web")).singleElement()
                    .satisfies(e -> assertThat(e.files().get(0).content()).contains("\"1\""));
            assertThat(events(source)).noneMatch(e -> e instanceof AppRemoved);
            assertThat(observedAt(source, dropped)).hasSize(1);
        }
    }

    @Test
    void aDeletedBranchIsReportedAsRefNotFoundAndRemovesNothing() throws Exception {
        String source = WatcherSourcesResource.DELETED;
        try (TestRepo repo = TestRepo.of(source)) {
            repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "1")).commit("Web");
            assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.ANNOUNCED);

            try (Repository origin = new FileRepositoryBuilder()
                    .setGitDir(WatcherSourcesResource.originDir(source).toFile()).setMustExist(true).build()) {
                RefUpdate delete = origin.updateRef("refs/heads/main");
                delete.setForceUpdate(true);
                assertThat(delete.delete()).isIn(RefUpdate.Result.FORCED, RefUpdate.Result.NO_CHANGE);
            }
            assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.UNAVAILABLE);

            await().atMost(Duration.ofSeconds(20)).until(() -> events(source).stream()
                    .anyMatch(e -> e instanceof SourceFailed f && f.reason().equals("ref-not-found")));
            SourceFailed failed = events(source).stream().filter(e -> e instanceof SourceFailed f
                    && f.reason().equals("ref-not-found")).map(SourceFailed.class::cast).reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(failed.message()).contains("branch 'main'");
            assertThat(failed.apps()).extracting(a -> a.name()).containsExactly("web");
            assertThat(events(source)).noneMatch(e -> e instanceof AppRemoved);
            assertThat(events(source)).filteredOn(e -> e instanceof CommitObserved).hasSize(1);
        }
    }

    private static List<CommitEvent> events(String source) {
        return TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS).stream()
                .map(r -> (CommitEvent) r.event())
                .filter(e -> e.appId().equals(source) || e.appId().startsWith(source + "/")).toList();
    }

    private static List<CommitObserved> observedAt(String source, String sha) {
        return TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS).stream().map(ReceivedEvent::event)
                .filter(e -> e instanceof CommitObserved c && c.source().equals(source)
                        && c.commit().revision().equals(sha)).map(CommitObserved.class::cast).toList();
    }
}
