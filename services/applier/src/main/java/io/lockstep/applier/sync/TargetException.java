package io.lockstep.applier.sync;

/** A call to the target failed; the message is the reason users see in the per-object result. */
public class TargetException extends Exception {
    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }

    public TargetException(String message) {
        super(message);
    }
}
