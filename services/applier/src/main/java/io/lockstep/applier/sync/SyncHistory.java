package io.lockstep.applier.sync;

import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the applier remembers (PostgreSQL in production): every sync operation with the plan it ran and, per
 * application, the inventory of objects it applied. Nothing that decides a prune, a replay, a manual sync or a
 * rollback lives only in memory.
 */
public interface SyncHistory {
    /** Trigger of the operations that wrote a revert commit (they apply nothing themselves). */
    String ROLLBACK = "rollback";

    /**
     * A recorded operation; {@code result} is present once it completed, {@code plan} when the operation ran a
     * plan (not for rollbacks).
     */
    record Operation(String operationId, String appId, String revision, Instant planTime, String trigger,
            boolean completed, boolean announced, SyncCompleted result, DriftDetected plan) {
    }

    /** The newest plan (by plan time) that was actually applied to an application, and the health it ended with. */
    record Applied(String operationId, String revision, Instant planTime, Health health) {
    }

    Optional<Operation> find(String operationId);

    /**
     * The applied operation with the newest plan time for the application, other than {@code exceptOperationId}
     * (superseded plans and rollbacks do not count).
     */
    Optional<Applied> lastApplied(String appId, String exceptOperationId);

    /** The plan of {@link #lastApplied}: what a manual sync re-applies and a rollback starts from. */
    Optional<DriftDetected> lastPlan(String appId);

    /** Whether {@code revision} is a revert commit a rollback of the application pushed (by command or on its own). */
    boolean isLockstepRevert(String appId, String revision);

    /** Operations that started and never completed (the process stopped mid-sync). */
    List<Operation> interrupted();

    /** Records that an operation started (or restarted after an interruption), with the plan it runs (or null). */
    void started(String operationId, String appId, String revision, String author, String trigger,
            String planSummary, Instant planTime, Instant startedAt, DriftDetected plan);

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
