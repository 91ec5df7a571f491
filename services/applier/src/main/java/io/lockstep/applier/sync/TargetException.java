package io.lockstep.applier.sync;

/**
 * A call to the target failed; the message is the reason users see in the per-object result. A transient failure
 * (the server was unavailable, throttled us, or the object changed under us) is worth retrying; any other failure
 * (validation, forbidden, an immutable field) will fail again the same way and is reported at once. Two permanent
 * failures are typed because an application's sync options can overcome them: an apply conflict with another field
 * manager ({@code sync.force}) and a change to an immutable field ({@code sync.replace}).
 */
public class TargetException extends Exception {
    /** Why a call failed, as far as the sync needs to know. */
    public enum Failure {
        PERMANENT, TRANSIENT, CONFLICT, IMMUTABLE_FIELD
    }

    private final Failure failure;
    private final String field;

    public TargetException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public TargetException(String message) {
        this(message, null, false);
    }

    public TargetException(String message, Throwable cause, boolean transientFailure) {
        this(message, cause, transientFailure ? Failure.TRANSIENT : Failure.PERMANENT, null);
    }

    private TargetException(String message, Throwable cause, Failure failure, String field) {
        super(message, cause);
        this.failure = failure;
        this.field = field;
    }

    /** A failure that may pass if the same call is made again a little later. */
    public static TargetException transientFailure(String message, Throwable cause) {
        return new TargetException(message, cause, Failure.TRANSIENT, null);
    }

    /** Server-side apply refused because another field manager owns fields the apply sets; forcing takes them. */
    public static TargetException conflict(String message, Throwable cause) {
        return new TargetException(message, cause, Failure.CONFLICT, null);
    }

    /** The apply changes {@code field}, which cannot change once the object exists: only delete and re-create can. */
    public static TargetException immutableField(String message, String field, Throwable cause) {
        return new TargetException(message, cause, Failure.IMMUTABLE_FIELD, field);
    }

    public boolean isTransient() {
        return failure == Failure.TRANSIENT;
    }

    public Failure failure() {
        return failure;
    }

    /** The immutable field that changed, for {@link Failure#IMMUTABLE_FIELD}; else null. */
    public String field() {
        return field;
    }
}
