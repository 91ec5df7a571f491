package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.AppRemoved;
import io.lockstep.contracts.events.CommitEvent;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.contracts.events.SourceRecovered;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.TestRepo;
import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class InvalidConfigIT {
    private static final String SOURCE = "invalid";

    @Test
    void anInvalidLockstepYamlIsReportedWithLineAndFieldAndAnnouncesNothing() {
        try (EventCollector events = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.COMMITS);
                TestRepo repo = TestRepo.of(SOURCE)) {
            repo.write("lockstep.yaml", Manifests.lockstepYaml("web", "worker"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "1"))
                    .write("apps/worker/cm.yaml", Manifests.configMap("worker", "1"))
                    .commit("Valid start");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> events.events(CommitObserved.class, e -> e.source().equals(SOURCE)).size() == 2);
            events.clear();

            // The worker disappears and web gains a typo: nothing may be announced, least of all a removal.
            String bad = repo.write("lockstep.yaml", """
                    apiVersion: lockstep.io/v1
                    applications:
                      - name: web
                        path: apps/web
                        helath: { timeout: 5m }
                    """)
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "2"))
                    .commit("Typo");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !events.events(SourceFailed.class, e -> e.source().equals(SOURCE)).isEmpty());

            SourceFailed failed = events.events(SourceFailed.class, e -> e.source().equals(SOURCE)).get(0);
            assertThat(failed.reason()).isEqualTo("invalid-config");
            assertThat(failed.file()).isEqualTo("lockstep.yaml");
            assertThat(failed.line()).isEqualTo(5);
            assertThat(failed.field()).isEqualTo("applications[0].helath");
            assertThat(failed.message()).contains("unknown field 'helath'");
            assertThat(failed.commit().revision()).isEqualTo(bad);
            assertThat(failed.appId()).isEqualTo(SOURCE);
            assertThat(failed.apps()).extracting(AppSpec::name).containsExactly("web", "worker");

            // Fixing it announces again, from the last good commit: web (changed) and the removal of worker.
            String fixed = repo.write("lockstep.yaml", Manifests.lockstepYaml("web")).commit("Fix typo");
            await().atMost(Duration.ofSeconds(20)).until(() -> events.events(AppRemoved.class,
                    e -> e.source().equals(SOURCE)).size() == 1
                    && events.events(CommitObserved.class, e -> e.source().equals(SOURCE)).size() == 1);
            assertThat(events.events(CommitEvent.class).stream()
                    .filter(e -> e.appId().startsWith(SOURCE))
                    .filter(e -> !(e instanceof SourceFailed)))
                    .allSatisfy(e -> assertThat(revision(e)).isEqualTo(fixed));
            assertThat(events.events(SourceFailed.class, e -> e.source().equals(SOURCE))).hasSize(1);
            assertThat(events.events(CommitObserved.class, e -> e.source().equals(SOURCE)))
                    .extracting(CommitObserved::appId).containsExactly("invalid/web");
            // The fix also ends the failure, once.
            assertThat(events.events(SourceRecovered.class, e -> e.source().equals(SOURCE)))
                    .singleElement().satisfies(r -> assertThat(r.previousReason()).isEqualTo("invalid-config"));
        }
    }

    private static String revision(CommitEvent event) {
        if (event instanceof CommitObserved o) {
            return o.commit().revision();
        }
        if (event instanceof SourceRecovered r) {
            return r.commit().revision();
        }
        return ((AppRemoved) event).commit().revision();
    }
}
