package io.lockstep.applier.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectRef;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthWaiterTest {
    private static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "web", "web");

    private final FakeTime time = new FakeTime();
    private final HealthWaiter waiter = new HealthWaiter(time, time, Duration.ofMillis(200), Duration.ofSeconds(1));

    private static HealthReport report(HealthStatus status) {
        return HealthReport.of(Map.of(WEB, status));
    }

    @Test
    void pollsWithExponentialBackoffUntilHealthy() throws Exception {
        Deque<HealthStatus> answers = new ArrayDeque<>(List.of(HealthStatus.progressing("0 of 1"),
                HealthStatus.progressing("0 of 1"), HealthStatus.progressing("0 of 1"),
                HealthStatus.progressing("0 of 1"), HealthStatus.healthy()));

        HealthReport result = waiter.await(() -> report(answers.pop()), Duration.ofMinutes(5));

        assertThat(result.health()).isEqualTo(Health.HEALTHY);
        assertThat(time.pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofSeconds(1));
    }

    @Test
    void isDegradedWithTheReasonWhenTheTimeoutPasses() throws Exception {
        HealthReport result = waiter.await(() -> report(HealthStatus.progressing("0 of 1 replicas updated")),
                Duration.ofSeconds(3));

        assertThat(result.health()).isEqualTo(Health.DEGRADED);
        assertThat(result.message()).isEqualTo(
                "not healthy within 3s: Deployment web/web: progressing (0 of 1 replicas updated)");
        assertThat(time.pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void stopsWaitingAsSoonAsARuleReportsDegraded() throws Exception {
        HealthReport result = waiter.await(() -> report(HealthStatus.degraded("progress deadline exceeded")),
                Duration.ofMinutes(5));

        assertThat(result.health()).isEqualTo(Health.DEGRADED);
        assertThat(time.pauses).isEmpty();
    }
}
