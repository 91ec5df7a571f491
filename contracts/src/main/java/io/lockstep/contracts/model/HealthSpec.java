package io.lockstep.contracts.model;

import java.time.Duration;
import java.util.List;

/** How long a sync may take to become healthy, and the HTTP checks that must pass before it is called done. */
public record HealthSpec(Duration timeout, List<HttpCheck> http) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public HealthSpec {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        http = Require.list(http);
    }

    public static HealthSpec defaults() {
        return new HealthSpec(DEFAULT_TIMEOUT, List.of());
    }
}
