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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The local clone is a cache: when it is damaged the watcher clones again and carries on. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class CorruptCloneIT {
    private static final String SOURCE = WatcherSourcesResource.CORRUPT;

    @Inject
    PollScheduler scheduler;

    @Test
    void aRefPointingAtAMissingObjectMakesTheWatcherCloneAgain() throws IOException {
        commitAndAnnounce();
        Path ref = WatcherSourcesResource.cloneDir(SOURCE).resolve("refs/lockstep/tracked");
        Files.createDirectories(ref.getParent());
        Files.writeString(ref, "0123456789abcdef0123456789abcdef01234567\n");

        commitAndAnnounce();
    }

    @Test
    void anUnreadableCloneWithoutObjectsMakesTheWatcherCloneAgain() throws IOException {
        commitAndAnnounce();
        Path clone = WatcherSourcesResource.cloneDir(SOURCE);
        Files.writeString(clone.resolve("config"), "[core\n\tthis is = not [ a git config\n");
        try (Stream<Path> walk = Files.walk(clone.resolve("objects"))) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }

        commitAndAnnounce();
    }

    private void commitAndAnnounce() {
        String sha;
        try (TestRepo repo = TestRepo.of(SOURCE)) {
            sha = repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", UUID.randomUUID().toString()))
                    .commit("A change");
        }
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.ANNOUNCED);
        await().atMost(Duration.ofSeconds(20)).until(() -> TopicHistory.read(KafkaBroker.bootstrapServers(),
                Topics.COMMITS).stream().map(ReceivedEvent::event).anyMatch(e -> e instanceof CommitObserved c
                        && c.source().equals(SOURCE) && c.commit().revision().equals(sha)));
    }
}
