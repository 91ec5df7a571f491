package io.lockstep.applier.rollback;

/** The config repositories the applier may write to: only to revert an application's folder. */
public interface ConfigRepo {
    /** Commits and pushes the revert; returns once the branch on the remote carries it. */
    Revert revert(RevertRequest request) throws RollbackException, InterruptedException;
}
