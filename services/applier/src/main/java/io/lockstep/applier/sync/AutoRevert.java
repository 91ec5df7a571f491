package io.lockstep.applier.sync;

import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import java.util.Optional;

/**
 * What a sync does when a new revision ends degraded and the application asked for
 * {@code rollback: {onFailedHealth: revert}}: write a revert commit of that revision, at most once per revision.
 */
public interface AutoRevert {
    /**
     * Reverts the revision {@code degraded} was a sync of, unless that was done already (then it may be announced
     * again if its announcement was lost) or must not be done; returns what was announced.
     */
    Optional<SyncCompleted> revertDegraded(DriftDetected plan, SyncCompleted degraded) throws InterruptedException;
}
