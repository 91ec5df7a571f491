package io.lockstep.notifier.delivery;

import java.time.Duration;

/** What one attempt to deliver a message gave: delivered, worth retrying, or refused for good. */
public sealed interface SendResult {
    /** The destination accepted the message. */
    record Delivered() implements SendResult {
    }

    /**
     * A failure that may pass (5xx, rate limit, connection refused). {@code retryAfter} is the wait the destination
     * asked for, or null.
     */
    record Transient(String error, Duration retryAfter) implements SendResult {
    }

    /** A failure that retrying cannot fix (bad payload, unknown channel, revoked webhook). */
    record Permanent(String error) implements SendResult {
    }

    static SendResult delivered() {
        return new Delivered();
    }

    static SendResult transientFailure(String error) {
        return new Transient(error, null);
    }

    static SendResult permanent(String error) {
        return new Permanent(error);
    }
}
