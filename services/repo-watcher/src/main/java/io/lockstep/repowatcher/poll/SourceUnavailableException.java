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
    /** The SSH server's key is not in the source's known-hosts file, or differs from it. */
    public static final String HOST_KEY_REJECTED = "host-key-rejected";
    /** The local clone's disk is full (ENOSPC); retried with backoff, nothing announced. */
    public static final String DISK_FULL = "disk-full";

    private final String reason;

    public SourceUnavailableException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
