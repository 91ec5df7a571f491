package io.lockstep.applier.health;

import io.lockstep.applier.redaction.Urls;
import io.lockstep.contracts.model.HttpCheck;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs the HTTP checks an application declares, after its objects are healthy: the check a deploy pipeline runs
 * against {@code /healthz} before it calls a release done. Each check is tried {@code retries + 1} times,
 * {@code retryDelay} apart, and must answer {@code expectedStatus}; all of it within the application's health
 * deadline. The first check that does not pass makes the application degraded, with the URL and the last answer.
 */
public final class HttpChecks {
    /** The longest a single request may take, so that one hung endpoint cannot eat the whole health timeout. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Sends one GET; returns the status code or throws when no answer came. */
    @FunctionalInterface
    public interface Probe {
        int get(String url, Duration timeout) throws IOException, InterruptedException;
    }

    private final Clock clock;
    private final Pacer pacer;
    private final Probe probe;

    public HttpChecks(Clock clock, Pacer pacer, Probe probe) {
        this.clock = clock;
        this.pacer = pacer;
        this.probe = probe;
    }

    /** Healthy when every check passed, else degraded with the reason of the first one that did not. */
    public HealthStatus run(List<HttpCheck> checks, Instant deadline, Duration timeout) throws InterruptedException {
        for (HttpCheck check : checks) {
            HealthStatus status = run(check, deadline, timeout);
            if (status.health() != io.lockstep.contracts.model.Health.HEALTHY) {
                return status;
            }
        }
        return HealthStatus.healthy();
    }

    private HealthStatus run(HttpCheck check, Instant deadline, Duration timeout) throws InterruptedException {
        String url = Urls.redact(check.url());
        int attempts = Math.max(0, check.retries()) + 1;
        String last = "no answer yet";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return HealthStatus.degraded("HTTP check GET " + url + " did not pass within the health timeout ("
                        + HealthWaiter.human(timeout) + ") after " + (attempt - 1) + " attempt(s): " + last);
            }
            try {
                int status = probe.get(check.url(), left.compareTo(REQUEST_TIMEOUT) < 0 ? left : REQUEST_TIMEOUT);
                if (status == check.expectedStatus()) {
                    return HealthStatus.healthy();
                }
                last = "expected HTTP " + check.expectedStatus() + ", got " + status;
            } catch (IOException e) {
                last = "expected HTTP " + check.expectedStatus() + ", got no answer ("
                        + Urls.redactText(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage())) + ")";
            }
            if (attempt < attempts) {
                Duration wait = Duration.between(clock.instant(), deadline);
                pacer.pause(check.retryDelay().compareTo(wait) < 0 ? check.retryDelay() : max0(wait));
            }
        }
        return HealthStatus.degraded("HTTP check GET " + url + " failed " + attempts + " time(s): " + last);
    }

    private static Duration max0(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
