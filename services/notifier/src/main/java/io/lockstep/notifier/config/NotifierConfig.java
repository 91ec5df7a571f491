package io.lockstep.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The notifier's own configuration, under {@code lockstep.notifier}. */
@ConfigMapping(prefix = "lockstep.notifier")
public interface NotifierConfig {

    Slack slack();

    Email email();

    Retry retry();

    /**
     * Subscriptions every application has on top of its own {@code notify} rules, e.g.
     * {@code lockstep.notifier.defaults[0].on=sync-failed,source-error} and
     * {@code lockstep.notifier.defaults[0].slack=#ops}. None by default.
     */
    Optional<List<DefaultRule>> defaults();

    /** Slack through an incoming webhook. */
    interface Slack {
        /**
         * The incoming webhook URL ({@code https://hooks.slack.com/services/...}). A secret: it is never logged,
         * emitted or stored. Unset: every Slack delivery fails with a reason saying so.
         */
        Optional<String> webhookUrl();

        /** Connect and response timeout of one webhook call. */
        @WithDefault("10s")
        Duration timeout();
    }

    /** Email through Quarkus Mailer ({@code quarkus.mailer.host}, {@code .port}, {@code .from}, ...). */
    interface Email {
        /** Starts every subject. */
        @WithDefault("[lockstep]")
        String subjectPrefix();

        /** How long one SMTP send may take before it counts as a transient failure. */
        @WithDefault("30s")
        Duration timeout();

        /** Threads sending email; each holds one SMTP conversation at a time. */
        @WithDefault("2")
        int threads();
    }

    /** Retries of transient failures (5xx, 429, refused connections), with exponential backoff and jitter. */
    interface Retry {
        /** Attempts per delivery, the first included. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialDelay();

        @WithDefault("2")
        double multiplier();

        @WithDefault("15s")
        Duration maxDelay();

        /** The longest {@code Retry-After} honoured; a longer one ends the retries (the delivery fails). */
        @WithDefault("30s")
        Duration maxRetryAfter();
    }

    /** One default subscription: on these triggers, tell this Slack channel and/or this address. */
    interface DefaultRule {
        List<String> on();

        Optional<String> slack();

        Optional<String> email();
    }
}
