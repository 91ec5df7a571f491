package io.lockstep.applier.sync;

import io.lockstep.applier.health.Pacer;
import java.time.Duration;

/**
 * Retries calls to the target that failed for a transient reason, with exponential backoff between
 * {@code initialDelay} and {@code maxDelay}, at most {@code maxAttempts} times in all. Permanent failures are not
 * retried: they would fail the same way, and the sync reports them once.
 */
public final class Retry {
    private final Pacer pacer;
    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;

    /** One call to the target. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws TargetException;
    }

    public Retry(Pacer pacer, int maxAttempts, Duration initialDelay, Duration maxDelay) {
        this.pacer = pacer;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    /** No retries at all. */
    public static Retry none() {
        return new Retry(d -> { }, 1, Duration.ZERO, Duration.ZERO);
    }

    public <T> T call(Call<T> call) throws TargetException, InterruptedException {
        Duration delay = initialDelay;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (TargetException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                if (attempt >= maxAttempts) {
                    throw new TargetException(e.getMessage() + " (gave up after " + attempt + " attempts)", e, true);
                }
            }
            pacer.pause(delay);
            Duration next = delay.multipliedBy(2);
            delay = next.compareTo(maxDelay) > 0 ? maxDelay : next;
        }
    }
}
