package io.lockstep.repowatcher.webhook;

/** How a delivery ended; the HTTP status the sender sees and the {@code outcome} tag of the deliveries metric. */
public enum WebhookOutcome {
    /** A verified push to the tracked ref: a fetch is scheduled. */
    ACCEPTED(202),
    /** Verified, but not a push to the tracked ref (another branch, another event, a ping). */
    IGNORED(202),
    /** No signature (or token) where one is required. */
    UNSIGNED(401),
    /** A signature (or token) that does not match the source's secret. */
    FORGED(401),
    /** A delivery id or body seen before. */
    REPLAYED(401),
    /** A signed timestamp too far from now (generic receiver). */
    STALE(401),
    /** Signed correctly but unreadable: not JSON, or not shaped as the provider documents. */
    MALFORMED(400),
    /** Over the size limit; refused before it is read. */
    TOO_LARGE(413),
    /** No such source, or no webhook secret configured for it. */
    UNKNOWN_SOURCE(404);

    private final int status;

    WebhookOutcome(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The metric tag value: {@code accepted}, {@code too-large}, ... */
    public String tag() {
        return name().toLowerCase().replace('_', '-');
    }
}
