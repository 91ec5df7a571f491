package io.lockstep.applier.sync;

import io.lockstep.contracts.events.SyncCompleted;

/** Announces a finished operation; returns once the announcement is durable (broker acknowledged). */
public interface SyncResultPublisher {
    void publish(SyncCompleted result);
}
