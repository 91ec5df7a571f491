package io.lockstep.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code ./lockstep demo} — the same entry point, the same tour — so that the newcomer's first command cannot
 * break silently: a real broker process, PostgreSQL, the four packaged services as processes, the sandbox, the
 * Slack and SMTP stand-ins. Steps 3 (drift healing) and 5 (rollback) wait less than the command's default; each must
 * either work or say plainly that this build lacks it.
 */
class DemoTourIT {
    @Test
    void theDemoDeploysUpdatesRefusesABrokenCommitAndReportsEachStep() throws IOException {
        Path state = Path.of("target", "demo-tour").toAbsolutePath();

        LaunchResult result = LaunchResult.runEchoing("demo", "--state-dir", state.toString(),
                "--optional-step-timeout", "15");

        assertThat(result.exitCode()).as(result.err()).isZero();
        String out = result.out();
        assertThat(out).contains("the cluster is a SANDBOX");
        // Step 1: deployed, and both notifications shown as the stand-ins received them.
        assertThat(out).contains("in the sandbox now: Deployment web/web, Service web/web, ConfigMap web/web-config");
        assertThat(out).containsPattern("\\[slack #deploys\\] demo/web deployed [0-9a-f]{7} by Ada Lovelace");
        assertThat(out).containsPattern("\\[email to team@example.com\\] Subject: \\[lockstep\\] demo/web deployed "
                + "[0-9a-f]{7}");
        // Step 2: the image update.
        assertThat(out).contains("Deployment web/web runs nginx:1.27.1; Service web/web untouched");
        // Step 4: refused, reported with file and line on both channels.
        assertThat(out).contains("differ refused it: apps/web/service.yaml line 8");
        assertThat(out).containsPattern("\\[slack #deploys\\] demo/web sync failed [0-9a-f]{7} .*apps/web/service.yaml "
                + "line 8");
        assertThat(out).contains("Where:       apps/web/service.yaml line 8");
        assertThat(out).contains("nothing was applied");
        // Steps 3 and 5: this build heals drift and rolls back, so both must have happened.
        assertThat(out).contains("healed: Deployment web/web is back to 2 replicas");
        assertThat(out).contains("Deployment web/web runs nginx:1.27.0 again");
        assertThat(out).doesNotContain("is not available in this build");
        // The summary table and the status view.
        assertThat(out).containsPattern("1 +a first commit is deployed +ok ");
        assertThat(out).containsPattern("2 +an image change is applied +ok ");
        assertThat(out).containsPattern("3 +.* +ok ");
        assertThat(out).containsPattern("4 +a broken commit is refused and reported +ok ");
        assertThat(out).containsPattern("5 +.* +ok ");
        assertThat(out).containsPattern("demo/web +[0-9a-f]{7} +(Synced|RenderFailed) ");
        assertThat(out).contains("Demo succeeded.");
        // Everything it started is stopped.
        assertThat(state.resolve("stack.properties")).doesNotExist();
        try (Stream<Path> pids = Files.list(state.resolve("pids"))) {
            assertThat(pids).isEmpty();
        }
    }
}
