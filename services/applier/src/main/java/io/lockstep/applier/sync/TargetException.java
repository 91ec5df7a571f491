package io.lockstep.applier.sync;

/**
 * A call to the target failed; the message is the reason users see in the per-object result. A transient failure
 * (the server was unavailable, throttled us, or the object changed under us) is worth retrying; any other failure
 * (validation, forbidden, an immutable field) will fail again the same way and is reported at once.
 */
public class TargetException extends Exception {
    private final boolean transientFailure;

    public TargetException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public TargetException(String message) {
        this(message, null, false);
    }

    public TargetException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** A failure that may pass if the same call is made again a little later. */
    public static TargetException transientFailure(String message, Throwable cause) {
        return new TargetException(message, cause, true);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
