package io.lockstep.applier.sync;

import io.lockstep.contracts.events.SyncCompleted;

/** Told about every finished operation (metrics). */
public interface SyncObserver {
    void completed(SyncCompleted result, SyncReport report);

    SyncObserver NONE = (result, report) -> {
    };
}
