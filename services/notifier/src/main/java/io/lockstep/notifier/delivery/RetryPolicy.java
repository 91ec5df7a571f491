package io.lockstep.notifier.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for transient failures. A wait asked for by the destination ({@code Retry-After})
 * is honoured as is, up to {@code maxRetryAfter}; a longer one ends the retries, since waiting that long would hold
 * the application's partition.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
        Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /**
     * The wait before attempt {@code attemptsSoFar + 1}, or empty when the budget is spent.
     *
     * @param attemptsSoFar attempts already made (1 after the first)
     */
    public Optional<Duration> nextDelay(int attemptsSoFar, SendResult.Transient failure, RandomGenerator random) {
        if (attemptsSoFar >= maxAttempts) {
            return Optional.empty();
        }
        if (failure.retryAfter() != null) {
            return failure.retryAfter().compareTo(maxRetryAfter) > 0 ? Optional.empty()
                    : Optional.of(failure.retryAfter());
        }
        double base = initialDelay.toMillis() * Math.pow(multiplier, attemptsSoFar - 1);
        long capped = (long) Math.min(base, maxDelay.toMillis());
        // Equal jitter: half fixed, half random, so that many deliveries failing together do not retry together.
        long half = capped / 2;
        long jitter = half > 0 ? random.nextLong(half + 1) : 0;
        return Optional.of(Duration.ofMillis(capped - half + jitter));
    }
}
