package io.lockstep.contracts.events;

/** Requests on {@code lockstep.commands}: manual sync, refresh, rollback. */
public sealed interface Command extends LockstepEvent permits SyncRequested, RefreshRequested, RollbackRequested {
    /** Who asked (a user name or a system), for history and notifications. */
    String requestedBy();
}
