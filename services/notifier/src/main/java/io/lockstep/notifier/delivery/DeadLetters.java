package io.lockstep.notifier.delivery;

import io.lockstep.contracts.events.LockstepEvent;

/**
 * Where a delivery that failed for good goes, with the event that caused it, so that an operator can see why and
 * replay it. Returns once the dead letter is durably accepted. {@code reason} never holds a secret.
 */
public interface DeadLetters {
    void deadLetter(LockstepEvent event, DeliveryKey key, int attempts, String reason);
}
