package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.SourceRecovered;
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
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;

/**
 * A real ENOSPC: the source's local clone lives on a 512 KiB tmpfs that the test mounts (the test runs as root, as
 * CI does), and the commit to fetch holds 2 MiB that do not compress. The fetch fails with "No space left on
 * device", which is reported as {@code disk-full}, announces nothing, and recovers once there is room again.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class DiskFullIT {
    private static final String SOURCE = WatcherSourcesResource.DISK_FULL;

    @Inject
    PollScheduler scheduler;

    @Test
    void aFullDiskIsReportedAsDiskFullAndNothingIsAnnounced() throws Exception {
        byte[] noise = new byte[2 * 1024 * 1024];
        new Random(42).nextBytes(noise);
        String sha;
        try (TestRepo repo = TestRepo.of(SOURCE)) {
            sha = repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "1"))
                    .write("data/blob.txt", Base64.getEncoder().encodeToString(noise))
                    .commit("Too big for the disk");
        }
        Path clone = WatcherSourcesResource.cloneDir(SOURCE);
        Files.createDirectories(clone);
        mount(clone);
        try {
            // An existing clone on a disk that filled up (the mount point itself cannot be replaced).
            try (Git git = Git.init().setBare(true).setDirectory(clone.toFile()).call()) {
                assertThat(git.getRepository().getDirectory()).isEqualTo(clone.toFile());
            }
            assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.UNAVAILABLE);
            await().atMost(Duration.ofSeconds(20)).until(() -> !SourceEvents.failures(SOURCE).isEmpty());
            assertThat(SourceEvents.failures(SOURCE)).filteredOn(f -> f.reason().equals("disk-full"))
                    .singleElement().satisfies(failed -> assertThat(failed.message())
                            .contains("no space left on device"));
            assertThat(SourceEvents.of(SOURCE)).noneMatch(CommitObserved.class::isInstance);
            // Still full: reported once, not on every retry.
            assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.UNAVAILABLE);
            assertThat(SourceEvents.failures(SOURCE)).filteredOn(f -> f.reason().equals("disk-full")).hasSize(1);
        } finally {
            run("umount", clone.toString());
        }

        // Room again: the commit is announced, and the failure is over.
        assertThat(scheduler.pollNow(SOURCE)).isEqualTo(PollOutcome.ANNOUNCED);
        List<SourceRecovered> recovered = SourceEvents.of(SOURCE).stream().filter(SourceRecovered.class::isInstance)
                .map(SourceRecovered.class::cast).toList();
        assertThat(recovered).singleElement().satisfies(r -> assertThat(r.previousReason()).isEqualTo("disk-full"));
        assertThat(SourceEvents.of(SOURCE)).filteredOn(CommitObserved.class::isInstance)
                .extracting(e -> ((CommitObserved) e).commit().revision()).containsExactly(sha);
    }

    /** A 512 KiB tmpfs; fails the test (never skips it) when the machine does not allow mounting. */
    private static void mount(Path dir) throws IOException, InterruptedException {
        run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", dir.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("%s: %s (this test needs root to mount a tmpfs)",
                String.join(" ", command), output).isZero();
    }
}
