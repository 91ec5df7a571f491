package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.events.CommitEvent;
import io.lockstep.contracts.events.SourceRecovered;
import io.lockstep.repowatcher.poll.PollOutcome;
import io.lockstep.repowatcher.schedule.PollScheduler;
import io.lockstep.repowatcher.support.SourceEvents;
import io.lockstep.repowatcher.support.Manifests;
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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A source that failed and can be read again is announced as recovered once, not on every healthy poll after. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class SourceRecoveryIT {
    private static final String SOURCE = WatcherSourcesResource.RECOVER;

    @Inject
    PollScheduler scheduler;

    @Test
    void aSourceReadableAgainIsAnnouncedAsRecoveredOncePerOutage() throws IOException {
        String sha;
        try (TestRepo repo = TestRepo.of(SOURCE)) {
            sha = repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "1")).commit("Before the outage");
        }
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.ANNOUNCED);

        outage();
        await().atMost(Duration.ofSeconds(20)).until(() -> SourceEvents.failures(SOURCE).stream()
                .anyMatch(f -> f.reason().equals("fetch-failed")));
        assertThat(recovered()).isEmpty();

        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.UNCHANGED);
        assertThat(recovered()).singleElement().satisfies(event -> {
            assertThat(event.appId()).isEqualTo(SOURCE);
            assertThat(event.previousReason()).isEqualTo("fetch-failed");
            assertThat(event.commit().revision()).isEqualTo(sha);
            assertThat(event.apps()).extracting(app -> app.name()).containsExactly("web");
        });

        List<CommitEvent> before = SourceEvents.of(SOURCE);
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.UNCHANGED);
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.UNCHANGED);
        assertThat(SourceEvents.of(SOURCE)).hasSameSizeAs(before);
        assertThat(recovered()).hasSize(1);

        // The same outage again, at the same commit: news, with ids of its own that a consumer will not drop.
        outage();
        await().atMost(Duration.ofSeconds(20)).until(() -> SourceEvents.failures(SOURCE).stream()
                .filter(f -> f.reason().equals("fetch-failed")).count() == 2);
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.UNCHANGED);
        await().atMost(Duration.ofSeconds(20)).until(() -> recovered().size() == 2);
        assertThat(SourceEvents.failures(SOURCE).stream().filter(f -> f.reason().equals("fetch-failed"))
                .map(f -> f.id()).distinct()).hasSize(2);
        assertThat(recovered().stream().map(SourceRecovered::id).distinct()).hasSize(2);
    }

    /** The remote goes away for one poll (as an unreachable server would): a real fetch failure. */
    private void outage() throws IOException {
        Path origin = WatcherSourcesResource.originDir(SOURCE);
        Path away = origin.resolveSibling("origin-away.git");
        Files.move(origin, away);
        try {
            assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.UNAVAILABLE);
        } finally {
            Files.move(away, origin);
        }
    }

    /** Recoveries from the outage (the empty repo's ref-not-found at start-up recovers at the first commit). */
    private static List<SourceRecovered> recovered() {
        return SourceEvents.of(SOURCE).stream().filter(SourceRecovered.class::isInstance)
                .map(SourceRecovered.class::cast).filter(r -> r.previousReason().equals("fetch-failed")).toList();
    }
}
