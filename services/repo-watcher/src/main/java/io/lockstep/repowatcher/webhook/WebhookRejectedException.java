package io.lockstep.repowatcher.webhook;

/** A delivery refused for a reason the sender may read (it never echoes the secret or a signature). */
public class WebhookRejectedException extends Exception {
    private final WebhookOutcome outcome;

    public WebhookRejectedException(WebhookOutcome outcome, String message) {
        super(message);
        this.outcome = outcome;
    }

    public WebhookOutcome outcome() {
        return outcome;
    }
}
