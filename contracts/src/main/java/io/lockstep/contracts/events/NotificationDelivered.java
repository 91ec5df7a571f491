package io.lockstep.contracts.events;

import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.contracts.model.Require;
import java.time.Instant;

/**
 * The outcome of one notification delivery. {@code destination} is what the application declared (a Slack channel,
 * an email address), never a webhook URL or a token.
 */
public record NotificationDelivered(String id, String appId, String revision, String trigger, String channel,
        String destination, DeliveryOutcome outcome, int attempts, String error, Instant time)
        implements NotificationEvent {
    public NotificationDelivered {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(trigger, "trigger");
        Require.present(channel, "channel");
        Require.present(outcome, "outcome");
        Require.present(time, "time");
    }
}
