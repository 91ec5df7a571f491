package io.lockstep.applier.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.HttpCheck;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpChecksTest {
    private final FakeTime time = new FakeTime();
    private final Deque<Object> answers = new ArrayDeque<>();
    private final HttpChecks checks = new HttpChecks(time, time, (url, timeout) -> {
        Object next = answers.isEmpty() ? 503 : answers.pop();
        if (next instanceof ConnectException e) {
            throw e;
        }
        return (Integer) next;
    });

    private HealthStatus run(HttpCheck check, Duration timeout) throws Exception {
        Instant deadline = time.instant().plus(timeout);
        return checks.run(List.of(check), deadline, timeout);
    }

    @Test
    void passesWhenTheEndpointAnswersTheExpectedStatusWithinItsRetries() throws Exception {
        answers.addAll(List.of(new ConnectException("Connection refused"), 503, 200));

        HealthStatus status = run(new HttpCheck("http://web/healthz", 200, 2, Duration.ofSeconds(3)),
                Duration.ofMinutes(1));

        assertThat(status.health()).isEqualTo(Health.HEALTHY);
        assertThat(time.pauses).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void isDegradedWithTheUrlAndTheLastAnswerWhenTheRetriesRunOut() throws Exception {
        HealthStatus status = run(new HttpCheck("https://bob:secret@web/healthz", 204, 1, Duration.ofSeconds(1)),
                Duration.ofMinutes(1));

        assertThat(status.health()).isEqualTo(Health.DEGRADED);
        assertThat(status.message()).isEqualTo(
                "HTTP check GET https://web/healthz failed 2 time(s): expected HTTP 204, got 503");
    }

    @Test
    void stopsAtTheApplicationsHealthTimeout() throws Exception {
        HealthStatus status = run(new HttpCheck("http://web/healthz", 200, 100, Duration.ofSeconds(10)),
                Duration.ofSeconds(25));

        assertThat(status.health()).isEqualTo(Health.DEGRADED);
        assertThat(status.message()).isEqualTo("HTTP check GET http://web/healthz did not pass within the health "
                + "timeout (25s) after 3 attempt(s): expected HTTP 200, got 503");
        assertThat(time.pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(25));
    }
}
