package io.lockstep.launcher.stack;

import io.lockstep.launcher.Layout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What to start. {@code throwAway}: nothing is kept after the stack stops (fresh broker data, a database dropped at
 * the end) — the demo, and any stack on the sandbox, whose cluster is gone when it stops too.
 */
public record StackOptions(Layout layout, String sourceId, String repoUrl, String branch, Duration pollInterval,
        Path kubeconfig, String databaseUrl, int kafkaPort, int firstServicePort, int partitions, boolean throwAway,
        Map<String, String> environment) {
}
