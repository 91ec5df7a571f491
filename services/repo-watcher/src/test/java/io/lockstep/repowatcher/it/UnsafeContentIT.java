package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.SourceFailed;
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
class UnsafeContentIT {
    private static final String SOURCE = "unsafe";

    @Test
    void symlinksAndOversizedFilesAreRefusedPerApplicationWhileTheOthersAreAnnounced() {
        try (EventCollector events = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.COMMITS);
                TestRepo repo = TestRepo.of(SOURCE)) {
            repo.write("lockstep.yaml", Manifests.lockstepYaml("fine", "linked", "big"))
                    .write("apps/fine/cm.yaml", Manifests.configMap("fine", "1"))
                    .write("apps/linked/cm.yaml", Manifests.configMap("linked", "1"))
                    .symlink("apps/linked/passwd.yaml", "/etc/passwd")
                    .write("apps/big/cm.yaml", Manifests.configMap("big", "x".repeat(1_100_000)))
                    .commit("One good, two bad");

            await().atMost(Duration.ofSeconds(20)).until(() -> events.events(SourceFailed.class,
                    e -> e.source().equals(SOURCE) && e.reason().equals("invalid-content")).size() == 2
                    && !events.events(CommitObserved.class, e -> e.source().equals(SOURCE)).isEmpty());

            assertThat(events.events(CommitObserved.class, e -> e.source().equals(SOURCE)))
                    .extracting(CommitObserved::appId).containsExactly("unsafe/fine");
            assertThat(events.events(SourceFailed.class, e -> e.source().equals(SOURCE)
                    && e.reason().equals("invalid-content")))
                    .hasSize(2)
                    .anySatisfy(f -> {
                        assertThat(f.file()).isEqualTo("apps/linked/passwd.yaml");
                        assertThat(f.message()).contains("symbolic link");
                        assertThat(f.apps()).extracting(AppSpec::name).containsExactly("linked");
                    })
                    .anySatisfy(f -> {
                        assertThat(f.file()).isEqualTo("apps/big/cm.yaml");
                        assertThat(f.message()).contains("over the limit of 1048576");
                    });
            assertThat(events.received().toString()).doesNotContain("root:x:0:0");
        }
    }
}
