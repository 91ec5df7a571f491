package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.repowatcher.schedule.PollScheduler;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SSH key material and passphrases never reach an event, an error message or a log line, whatever the outcome. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class SshCredentialRedactionIT {
    private static final Path LOG = Path.of("target/repo-watcher-test.log");

    @Inject
    PollScheduler scheduler;

    @Test
    void noLineOfAnSshKeyAndNoPassphraseShowsInEventsOrLogs() throws IOException {
        // Success or not, every SSH source is polled (the failing ones report SourceFailed with a message).
        for (String source : List.of(WatcherSourcesResource.SSH, WatcherSourcesResource.SSH_WRONG_KEY,
                WatcherSourcesResource.SSH_UNKNOWN_HOST)) {
            scheduler.pollNow(source);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> TopicHistory.read(KafkaBroker.bootstrapServers(),
                Topics.COMMITS).stream().anyMatch(r -> r.key().startsWith(WatcherSourcesResource.SSH_UNKNOWN_HOST)));

        List<String> secrets = new ArrayList<>();
        secrets.add(WatcherSourcesResource.SSH_PASSPHRASE);
        for (Path key : WatcherSourcesResource.sshPrivateKeyFiles()) {
            for (String line : Files.readAllLines(key)) {
                if (!line.isBlank() && !line.startsWith("-----")) {
                    secrets.add(line.strip());
                }
            }
        }
        assertThat(secrets).hasSizeGreaterThan(4);

        List<ReceivedEvent> records = TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS);
        assertThat(records).isNotEmpty().allSatisfy(record -> {
            String everything = record.key() + record.headers() + record.event();
            assertThat(secrets).noneMatch(everything::contains);
        });
        String log = Files.readString(LOG);
        assertThat(log).contains("ssh-unknown-host");
        assertThat(secrets).noneMatch(log::contains);
    }
}
