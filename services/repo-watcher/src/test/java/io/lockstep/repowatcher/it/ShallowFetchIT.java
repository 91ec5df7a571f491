package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.repowatcher.poll.PollOutcome;
import io.lockstep.repowatcher.schedule.PollScheduler;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.SourceEvents;
import io.lockstep.repowatcher.support.TestRepo;
import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;

/**
 * A deep history is fetched at depth 1 on first sight, later commits on top of it, and the whole history only when
 * a diff needs a commit the clone does not have; routing to the changed applications is the same as with a full
 * clone.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class ShallowFetchIT {
    private static final String SOURCE = WatcherSourcesResource.SHALLOW;
    private static final int DEPTH = 40;

    @Inject
    PollScheduler scheduler;

    @Test
    void aDeepHistoryIsClonedShallowAndDeepenedOnlyWhenTheDiffNeedsIt() throws IOException {
        try (TestRepo repo = TestRepo.of(SOURCE)) {
            repo.write("lockstep.yaml", Manifests.lockstepYaml("web", "api"))
                    .write("apps/api/cm.yaml", Manifests.configMap("api", "0"));
            for (int i = 0; i < DEPTH; i++) {
                repo.write("apps/web/cm.yaml", Manifests.configMap("web", Integer.toString(i))).commit("Web " + i);
            }
        }
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.ANNOUNCED);
        Path clone = WatcherSourcesResource.cloneDir(SOURCE);
        assertThat(clone.resolve("shallow")).exists();
        assertThat(localHistory(clone)).isEqualTo(1);

        // A change to one application: fetched on top of the shallow tip, routed to that application alone.
        String apiChange = commit("apps/api/cm.yaml", "api", "1");
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.ANNOUNCED);
        assertThat(observedAt(apiChange)).containsExactly(SOURCE + "/api");
        assertThat(localHistory(clone)).isEqualTo(2);

        // The clone is lost (a new volume): fetched shallow again, so the last announced commit is missing; the
        // diff fetches the history instead of treating the new commit as a fresh baseline for every application.
        deleteRecursively(clone);
        String webChange = commit("apps/web/cm.yaml", "web", "after the clone was lost");
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.ANNOUNCED);
        assertThat(observedAt(webChange)).containsExactly(SOURCE + "/web");
        assertThat(clone.resolve("shallow")).doesNotExist();
        assertThat(localHistory(clone)).isEqualTo(DEPTH + 2);
    }

    private static String commit(String path, String name, String value) {
        try (TestRepo repo = TestRepo.of(SOURCE)) {
            return repo.write(path, Manifests.configMap(name, value)).commit("Change " + name);
        }
    }

    private static List<String> observedAt(String sha) {
        return SourceEvents.of(SOURCE).stream().filter(CommitObserved.class::isInstance)
                .map(CommitObserved.class::cast).filter(e -> e.commit().revision().equals(sha))
                .map(CommitObserved::appId).toList();
    }

    /** How many commits the local clone holds behind the tracked ref. */
    private static int localHistory(Path clone) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(clone.toFile()).setMustExist(true).build();
                RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(repo.exactRef("refs/lockstep/tracked").getObjectId()));
            int count = 0;
            while (walk.next() != null) {
                count++;
            }
            return count;
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
