package io.lockstep.applier.sync;

import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the applier remembers (PostgreSQL in production): every sync operation and, per application, the inventory
 * of objects it applied. Nothing that decides a prune or a replay lives only in memory.
 */
public interface SyncHistory {
    /** A recorded operation; {@code result} is present once it completed. */
    record Operation(String operationId, String appId, String revision, Instant planTime, boolean completed,
            boolean announced, SyncCompleted result) {
    }

    /** The newest plan (by plan time) that was actually applied to an application. */
    record Applied(String operationId, String revision, Instant planTime) {
    }

    Optional<Operation> find(String operationId);

    /** The applied operation with the newest plan time for the application, other than {@code exceptOperationId}. */
    Optional<Applied> lastApplied(String appId, String exceptOperationId);

    /** Records that an operation started (or restarted after an interruption). */
    void started(String operationId, String appId, String revision, String author, String trigger,
            String planSummary, Instant planTime, Instant startedAt);

    /**
     * Records the outcome and, in the same transaction, the inventory change: {@code applied} objects join the
     * application's inventory and {@code removed} ones leave it.
     */
    void completed(SyncCompleted result, String planSummary, Instant planTime, List<ObjectRef> applied,
            List<ObjectRef> removed);

    /** Records that the operation's {@code SyncCompleted} reached the broker. */
    void announced(String operationId);

    /** The keys ({@link ObjectRef#key()}) of the objects in an application's inventory. */
    Set<String> inventory(String appId);
}
