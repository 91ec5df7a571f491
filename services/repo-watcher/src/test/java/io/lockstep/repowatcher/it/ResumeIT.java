package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.repowatcher.poll.PollOutcome;
import io.lockstep.repowatcher.schedule.PollScheduler;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.TestRepo;
import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class ResumeIT {
    private static final String SOURCE = "resume";

    @Inject
    PollScheduler scheduler;

    @Test
    void aWatcherThatLostItsCloneResumesFromPostgresWithoutAnnouncingAgain() throws Exception {
        try (EventCollector events = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.COMMITS);
                TestRepo repo = TestRepo.of(SOURCE)) {
            String sha = repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "1"))
                    .commit("First");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> events.events(CommitObserved.class, e -> e.source().equals(SOURCE)).size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> sha.equals(savedRevision()));

            // What a restart onto a fresh disk looks like: no local clone, only the database.
            deleteRecursively(WatcherSourcesResource.cloneDir(SOURCE));
            assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.UNCHANGED);
            assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.UNCHANGED);

            // Polls are synchronous and wait for the broker: had they announced anything, it would be there by now.
            // Awaitility's during() then guards against a slow consumer.
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                    .until(() -> events.events(CommitObserved.class, e -> e.source().equals(SOURCE)).size() == 1);

            // The next real commit is diffed against the remembered one, even with a fresh clone.
            String next = repo.write("apps/web/cm.yaml", Manifests.configMap("web", "2")).commit("Second");
            await().atMost(Duration.ofSeconds(20)).until(() -> events.events(CommitObserved.class,
                    e -> e.source().equals(SOURCE)).size() == 2);
            assertThat(events.events(CommitObserved.class, e -> e.source().equals(SOURCE)).get(1).commit().revision())
                    .isEqualTo(next);
        }
    }

    private static String savedRevision() throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT revision FROM watcher.source_state WHERE source_id = '" + SOURCE + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
