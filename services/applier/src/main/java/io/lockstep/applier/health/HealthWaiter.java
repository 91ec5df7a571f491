package io.lockstep.applier.health;

import io.lockstep.contracts.model.Health;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Polls an application's health with exponential backoff until it is healthy, a rule reports it degraded, or the
 * application's health timeout passes (then it is degraded: a rollout that never completes is a failed rollout).
 */
public final class HealthWaiter {
    private final Clock clock;
    private final Pacer pacer;
    private final Duration initialInterval;
    private final Duration maxInterval;

    public HealthWaiter(Clock clock, Pacer pacer, Duration initialInterval, Duration maxInterval) {
        this.clock = clock;
        this.pacer = pacer;
        this.initialInterval = initialInterval;
        this.maxInterval = maxInterval;
    }

    public HealthReport await(Supplier<HealthReport> check, Duration timeout) throws InterruptedException {
        return await(check, deadline(timeout), timeout);
    }

    /** When a wait of {@code timeout} that starts now must end: one deadline shared by every wave of a sync. */
    public Instant deadline(Duration timeout) {
        return clock.instant().plus(timeout);
    }

    /**
     * Polls until healthy, degraded, or {@code deadline}; {@code timeout} is the application's whole health timeout,
     * named in the reason when the deadline passes.
     */
    public HealthReport await(Supplier<HealthReport> check, Instant deadline, Duration timeout)
            throws InterruptedException {
        Duration interval = initialInterval;
        while (true) {
            HealthReport report = check.get();
            if (report.health() == Health.HEALTHY || report.health() == Health.DEGRADED) {
                return report;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return report.withHealth(Health.DEGRADED, "not healthy within " + human(timeout)
                        + (report.message() == null ? "" : ": " + report.message()));
            }
            pacer.pause(interval.compareTo(left) < 0 ? interval : left);
            Duration next = interval.multipliedBy(2);
            interval = next.compareTo(maxInterval) > 0 ? maxInterval : next;
        }
    }

    static String human(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
