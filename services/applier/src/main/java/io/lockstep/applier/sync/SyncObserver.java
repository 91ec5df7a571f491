package io.lockstep.applier.sync;

import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;

/** Told about every finished operation, health transition and rollback (metrics). */
public interface SyncObserver {
    void completed(SyncCompleted result, SyncReport report);

    /** An application's health after a sync differs from its health after the previous one. */
    default void healthChanged(Health from, Health to) {
    }

    /** A rollback was asked for; {@code result} says whether its revert commit was pushed. */
    default void rolledBack(SyncCompleted result) {
    }

    SyncObserver NONE = (result, report) -> {
    };
}
