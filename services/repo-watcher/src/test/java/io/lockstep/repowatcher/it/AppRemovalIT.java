package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.AppRemoved;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.TestRepo;
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
class AppRemovalIT {
    private static final String SOURCE = "removal";

    @Test
    void anApplicationDroppedFromLockstepYamlIsAnnouncedAsRemoved() {
        try (EventCollector events = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.COMMITS);
                TestRepo repo = TestRepo.of(SOURCE)) {
            repo.write("lockstep.yaml", Manifests.lockstepYaml("keep", "drop"))
                    .write("apps/keep/cm.yaml", Manifests.configMap("keep", "1"))
                    .write("apps/drop/cm.yaml", Manifests.configMap("drop", "1"))
                    .commit("Two applications");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> events.events(CommitObserved.class, e -> e.source().equals(SOURCE)).size() == 2);
            events.clear();

            String sha = repo.write("lockstep.yaml", Manifests.lockstepYaml("keep")).commit("Retire drop");
            await().atMost(Duration.ofSeconds(20)).until(() -> events.received().stream()
                    .filter(r -> r.key().startsWith(SOURCE + "/")).count() == 2);

            ReceivedEvent removed = events.received().stream().filter(r -> r.event() instanceof AppRemoved)
                    .filter(r -> r.key().equals("removal/drop")).findFirst().orElseThrow();
            AppRemoved event = (AppRemoved) removed.event();
            assertThat(event.id()).isEqualTo(EventIds.of(EventType.APP_REMOVED, "removal/drop", sha));
            assertThat(event.app().path()).isEqualTo("apps/drop");
            assertThat(event.commit().revision()).isEqualTo(sha);
            assertThat(removed.headers()).containsEntry("ce_type", "io.lockstep.app.removed.v1");
            // lockstep.yaml changed, so the remaining application is re-evaluated too.
            assertThat(events.events(CommitObserved.class, e -> e.source().equals(SOURCE)))
                    .extracting(CommitObserved::appId).containsExactly("removal/keep");
        }
    }
}
