package io.lockstep.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
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
     * Kafka record keys (applications, sources) whose deliveries run at once within a batch; one key's deliveries
     * always run in order. A lane waiting for a rate-limit slot or a retry holds one of these threads.
     */
    @WithDefault("64")
    int concurrency();

    /**
     * Subscriptions every application has on top of its own {@code notify} rules, e.g.
     * {@code lockstep.notifier.defaults[0].on=sync-failed,source-error} and
     * {@code lockstep.notifier.defaults[0].slack=#ops}. None by default.
     */
    Optional<List<DefaultRule>> defaults();

    /**
     * Templates that override the shipped ones by name: a folder holding, e.g., {@code email/notification.html},
     * {@code email/notification.txt}. Files it lacks keep their default.
     */
    Templates templates();

    /** Template overrides. */
    interface Templates {
        Optional<Path> dir();
    }

    /**
     * Slack, through the Web API when a bot token is configured ({@code chat.postMessage}, then {@code chat.update}
     * of the same message for later news of the same application and commit), else through an incoming webhook.
     */
    interface Slack {
        /**
         * The incoming webhook URL ({@code https://hooks.slack.com/services/...}). A secret: it is never logged,
         * emitted or stored. Unset, and no bot token: every Slack delivery fails with a reason saying so.
         */
        Optional<String> webhookUrl();

        /**
         * A bot token ({@code xoxb-...}) with the {@code chat:write} scope: Slack deliveries then go through the Web
         * API. A secret: it is never logged, emitted or stored. Prefer {@code LOCKSTEP_NOTIFIER_SLACK_BOT_TOKEN} or
         * {@link #botTokenFile()}.
         */
        Optional<String> botToken();

        /** A file holding the bot token (e.g. a mounted Kubernetes Secret); used when {@link #botToken()} is unset. */
        Optional<Path> botTokenFile();

        /** Base URL of Slack's Web API. */
        @WithDefault("https://slack.com/api/")
        String apiUrl();

        /** Connect and response timeout of one Slack call. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * Messages per Slack channel. Slack allows about one message per second per channel, with short bursts;
         * more is answered with 429.
         */
        SlackRateLimit rateLimit();

        /** Slack's guidance: about one message per second per channel, short bursts allowed. */
        interface SlackRateLimit {
            @WithDefault("1")
            double perSecond();

            @WithDefault("3")
            int burst();
        }
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

        /** Messages per address. */
        EmailRateLimit rateLimit();

        /** Spares the SMTP relay a flood to one address. */
        interface EmailRateLimit {
            @WithDefault("5")
            double perSecond();

            @WithDefault("10")
            int burst();
        }
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
