package io.lockstep.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes a user can make get one line that says what is wrong and what to do, exit code 2, and nothing starts. */
class LauncherArgumentErrorsTest {
    @TempDir
    Path state;

    @Test
    void aRepoPathThatIsNotAGitRepositoryIsRefusedInOneLine() throws IOException {
        Path notARepo = Files.createDirectories(state.resolve("just-a-folder"));

        LaunchResult result = LaunchResult.run("up", "--repo", notARepo.toString(), "--state-dir", state.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("lockstep: --repo " + notARepo + " is not a Git repository: pass a folder "
                + "that holds one (git init) or a repository URL" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aKafkaPortInUseIsRefusedInOneLineBeforeAnythingStarts() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();

            LaunchResult result = LaunchResult.run("up", "--kafka-port", String.valueOf(port), "--service-ports", "0",
                    "--state-dir", state.toString());

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).isEqualTo("lockstep: port " + port + " (Kafka) is in use: stop what listens there "
                    + "or pass --kafka-port with another port (0 picks a free one)" + System.lineSeparator());
            assertThat(state.resolve("demo-repo")).doesNotExist();
            assertThat(state.resolve("pids")).doesNotExist();
        }
    }

    @Test
    void aServicePortInUseNamesTheServiceAndTheOption() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();

            LaunchResult result = LaunchResult.run("up", "--kafka-port", "0", "--service-ports", String.valueOf(port),
                    "--state-dir", state.toString());

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).isEqualTo("lockstep: port " + port + " (notifier HTTP) is in use: stop what "
                    + "listens there or pass --service-ports with another port (0 picks a free one)"
                    + System.lineSeparator());
        }
    }

    @Test
    void anUnreachableDatabaseIsRefusedInOneLineWithoutItsPassword() {
        LaunchResult result = LaunchResult.run("up", "--database-url", "postgresql://lockstep:s3cret@127.0.0.1:1/lockstep",
                "--kafka-port", "0", "--service-ports", "0", "--state-dir", state.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("lockstep: cannot reach PostgreSQL 127.0.0.1:1/lockstep (connection "
                + "refused): start it, or pass a reachable --database-url" + System.lineSeparator());
        assertThat(result.err()).doesNotContain("s3cret");
    }

    @Test
    void aMissingKubeconfigIsRefusedInOneLine() {
        Path missing = state.resolve("no-such-kubeconfig");

        LaunchResult result = LaunchResult.run("up", "--kubeconfig", missing.toString(), "--state-dir",
                state.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("lockstep: --kubeconfig " + missing + " does not exist or cannot be read: "
                + "pass the kubeconfig file of the cluster to deploy to, or leave it out to use the sandbox"
                + System.lineSeparator());
    }

    @Test
    void anUnknownOptionPointsToTheCommandsHelp() {
        LaunchResult result = LaunchResult.run("up", "--bogus");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("lockstep: Unknown option: '--bogus' (see ./lockstep up --help)"
                + System.lineSeparator());
    }

    @Test
    void statusWithNothingRunningSaysHowToStartIt() {
        LaunchResult result = LaunchResult.run("status", "--state-dir", state.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("lockstep: nothing is running from " + state + " (no stack.properties): "
                + "start it with ./lockstep up, or pass --applier-url or --bootstrap-servers" + System.lineSeparator());
    }

    @Test
    void downWithNothingRunningStopsNothing() {
        LaunchResult result = LaunchResult.run("down", "--state-dir", state.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Nothing to stop");
    }
}
