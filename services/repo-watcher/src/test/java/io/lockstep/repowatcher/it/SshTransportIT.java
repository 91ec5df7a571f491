package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.events.CommitEvent;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.SourceFailed;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fetching over SSH from a real SSH server (Apache MINA sshd running JGit's upload-pack): a passphrase-protected key
 * checked against known_hosts gets in; a key the server does not know is auth-failed; a host key that is not the one
 * in known_hosts is refused before anything is fetched.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class SshTransportIT {
    @Inject
    PollScheduler scheduler;

    @Test
    void aCommitIsFetchedOverSshWithAPassphraseProtectedKeyAndAKnownHost() {
        String source = WatcherSourcesResource.SSH;
        try (TestRepo repo = TestRepo.of(source)) {
            repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "1"))
                    .commit("Over SSH");
        }
        assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.ANNOUNCED);

        CommitObserved observed = events(source).stream().filter(CommitObserved.class::isInstance)
                .map(CommitObserved.class::cast).findFirst().orElseThrow();
        assertThat(observed.appId()).isEqualTo(source + "/web");
        assertThat(observed.commit().repoUrl()).matches("ssh://git@127\\.0\\.0\\.1:\\d+/ssh\\.git");
        assertThat(observed.files()).extracting(f -> f.path()).containsExactly("cm.yaml");
    }

    @Test
    void aKeyTheServerDoesNotAcceptIsReportedAsAuthFailed() {
        String source = WatcherSourcesResource.SSH_WRONG_KEY;
        assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.UNAVAILABLE);

        await().atMost(Duration.ofSeconds(20)).until(() -> !failures(source).isEmpty());
        assertThat(failures(source)).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).isEqualTo("auth-failed");
            assertThat(failed.message()).contains("ssh://").contains("127.0.0.1:").contains("/ssh.git");
        });
        assertThat(events(source)).noneMatch(CommitObserved.class::isInstance);
    }

    @Test
    void aHostKeyThatIsNotTheOneInKnownHostsIsRejectedAndNothingIsFetched() throws IOException {
        String source = WatcherSourcesResource.SSH_UNKNOWN_HOST;
        Files.copy(WatcherSourcesResource.sshChangedHostKnownHosts(),
                WatcherSourcesResource.sshUnknownHostKnownHosts(), StandardCopyOption.REPLACE_EXISTING);
        assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.UNAVAILABLE);

        String changed = "does not match the key in the source's known-hosts file";
        await().atMost(Duration.ofSeconds(20)).until(() -> failures(source).stream()
                .anyMatch(f -> f.message().contains(changed)));
        // (The same failure may have been reported before, at start-up or before another test changed the file.)
        assertThat(failures(source)).filteredOn(f -> f.message().contains(changed)).isNotEmpty()
                .allSatisfy(failed -> {
                    assertThat(failed.reason()).isEqualTo("host-key-rejected");
                    assertThat(failed.message()).contains("[127.0.0.1]:").contains("SHA256:");
                });
        assertThat(events(source)).noneMatch(CommitObserved.class::isInstance);
        assertThat(WatcherSourcesResource.cloneDir(source).resolve("refs/lockstep/tracked")).doesNotExist();
    }

    @Test
    void aHostThatIsNotInKnownHostsAtAllIsRejectedAndNothingIsFetched() throws IOException {
        String source = WatcherSourcesResource.SSH_UNKNOWN_HOST;
        Files.writeString(WatcherSourcesResource.sshUnknownHostKnownHosts(),
                "# no entry for the test server\ngit.example.com " + Files.readString(
                        WatcherSourcesResource.sshChangedHostKnownHosts()).split(" ", 2)[1]);
        assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.UNAVAILABLE);

        String unknown = "is unknown: the host is not in the source's known-hosts file";
        await().atMost(Duration.ofSeconds(20)).until(() -> failures(source).stream()
                .anyMatch(f -> f.message().contains(unknown)));
        assertThat(failures(source)).filteredOn(f -> f.message().contains(unknown)).isNotEmpty()
                .allSatisfy(failed -> assertThat(failed.reason()).isEqualTo("host-key-rejected"));
        assertThat(events(source)).noneMatch(CommitObserved.class::isInstance);
        assertThat(WatcherSourcesResource.cloneDir(source).resolve("refs/lockstep/tracked")).doesNotExist();
    }

    private static List<CommitEvent> events(String source) {
        return SourceEvents.of(source);
    }

    private static List<SourceFailed> failures(String source) {
        return SourceEvents.failures(source);
    }
}
