package io.lockstep.contracts.events;

/** Events on {@code lockstep.sync-results}, produced by the applier. */
public sealed interface SyncEvent extends LockstepEvent permits SyncCompleted {
}
