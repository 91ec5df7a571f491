package io.lockstep.repowatcher.poll;

/**
 * A source could not be read from its remote or local clone. The reason is a short stable word that becomes the
 * {@code SourceFailed} reason; the message is safe to show (no credentials).
 */
public class SourceUnavailableException extends Exception {
    public static final String FETCH_FAILED = "fetch-failed";
    public static final String AUTH_FAILED = "auth-failed";
    public static final String REF_NOT_FOUND = "ref-not-found";
    public static final String CONFIG_ERROR = "config-error";

    private final String reason;

    public SourceUnavailableException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
