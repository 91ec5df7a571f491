package io.lockstep.applier.rollback;

/** An automatic revert was not written because the application's folder changed after the bad revision. */
public class RevertSupersededException extends RollbackException {
    public RevertSupersededException(String message) {
        super(message);
    }
}
