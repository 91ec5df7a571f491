package io.lockstep.contracts.model;

import java.util.List;

/**
 * One subscription of an application: on these triggers ({@code deployed}, {@code sync-failed}, ...) tell this Slack
 * channel and/or this email address.
 */
public record NotifyRule(List<String> on, String slack, String email) {
    public NotifyRule {
        on = Require.list(on);
    }
}
