package io.lockstep.notifier.delivery;

import io.lockstep.contracts.model.DeliveryOutcome;
import java.time.Instant;

/** The record of every delivery, which makes a redelivered event send nothing new. */
public interface DeliveryLog {

    /**
     * Claims a delivery before it is attempted. Returns {@link Claim#claimed()} when this key is new or was claimed
     * earlier but never finished (the notifier stopped mid-delivery: it is attempted again), otherwise the outcome
     * already recorded, and then counts the duplicate.
     */
    Claim claim(DeliveryKey key, String revision, Instant now);

    /** Records how a claimed delivery ended. {@code error} never holds a secret. */
    void complete(DeliveryKey key, DeliveryOutcome outcome, int attempts, String error, Instant now);

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
