package io.lockstep.applier.rollback;

/** A rollback could not be written; the message is what users see (never a credential or a secret URL). */
public class RollbackException extends Exception {
    public RollbackException(String message) {
        super(message);
    }

    public RollbackException(String message, Throwable cause) {
        super(message, cause);
    }
}
