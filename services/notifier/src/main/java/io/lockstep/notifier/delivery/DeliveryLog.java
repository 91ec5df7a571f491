package io.lockstep.notifier.delivery;

import io.lockstep.contracts.model.DeliveryOutcome;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The record of every delivery, which makes a redelivered event send nothing new. Works a batch at a time: one
 * transaction claims every delivery of a batch of Kafka records, one records how they ended.
 */
public interface DeliveryLog {

    /**
     * Claims deliveries before they are attempted, each key once (the caller drops repeats). For each key's id:
     * {@link Claim#claimed()} when the key is new or was claimed earlier but never finished (the notifier stopped
     * mid-delivery: it is attempted again), otherwise the outcome already recorded, and then the duplicate is
     * counted.
     */
    Map<String, Claim> claim(Collection<Claimed> deliveries, Instant now);

    /**
     * Records how claimed deliveries ended, and counts {@code repeats} (key id → how many times a batch held the same
     * delivery again: suppressed without a second claim). {@code error}s never hold a secret.
     */
    void complete(Collection<Completed> completed, Map<String, Integer> repeats, Instant now);

    /** A delivery to claim. {@code revision} is the commit SHA, or null. */
    record Claimed(DeliveryKey key, String revision) {
    }

    /** How a claimed delivery ended ({@code sent} or {@code failed}). */
    record Completed(DeliveryKey key, DeliveryOutcome outcome, int attempts, String error) {
    }

    /** The answer of {@link #claim}. */
    record Claim(DeliveryOutcome earlierOutcome, int earlierAttempts) {
        public static Claim claimed() {
            return new Claim(null, 0);
        }

        public boolean isNew() {
            return earlierOutcome == null;
        }
    }
}
