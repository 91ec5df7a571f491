package io.lockstep.notifier.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Spaces the messages to one destination so that a burst is delayed, never dropped: a token bucket per destination
 * (generic cell rate algorithm), {@code perSecond} messages per second on average, {@code burst} at once after a
 * quiet spell. {@link #reserve} books the next slot and says how long to wait for it.
 */
public final class RateLimiter {
    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier nanoTime;
    /** Per destination: the theoretical time the next message would be due if sent at the average rate. */
    private final Map<String, Long> due = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive, was " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("the burst must be at least 1, was " + burst);
        }
        this.intervalNanos = Math.max(1, (long) (1_000_000_000L / perSecond));
        this.toleranceNanos = (burst - 1) * intervalNanos;
        this.nanoTime = nanoTime;
    }

    /** Books a slot for one message to {@code destination}; the caller waits the returned time before sending. */
    public Duration reserve(String destination) {
        long now = nanoTime.getAsLong();
        long[] wait = new long[1];
        due.compute(destination, (key, previous) -> {
            long theoretical = previous == null ? now : Math.max(previous, now);
            wait[0] = Math.max(0, theoretical - toleranceNanos - now);
            return theoretical + intervalNanos;
        });
        return Duration.ofNanos(wait[0]);
    }
}
