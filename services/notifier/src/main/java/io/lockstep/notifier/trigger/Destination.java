package io.lockstep.notifier.trigger;

import java.util.Objects;

/**
 * Where one notice goes: a channel and the target the application declared there (a Slack channel such as
 * {@code #deploys}, an email address). Never a webhook URL or a token.
 */
public record Destination(Channel channel, String target) {
    public Destination {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(target, "target");
        target = target.strip();
    }
}
