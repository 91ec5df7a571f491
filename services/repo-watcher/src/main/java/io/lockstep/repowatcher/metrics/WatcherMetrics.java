package io.lockstep.repowatcher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The repo-watcher's meters: fetch duration, commits observed, detection latency, polls by trigger, webhook
 * deliveries by provider and outcome, and errors by reason.
 */
@ApplicationScoped
public class WatcherMetrics {
    private final MeterRegistry registry;

    public WatcherMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void fetched(String source, Duration took, boolean ok) {
        Timer.builder("lockstep.watcher.fetch.duration")
                .description("Time to fetch a source's tracked branch")
                .tag("source", source).tag("outcome", ok ? "ok" : "error")
                .register(registry).record(took);
    }

    public void observed(String source, int applications, Duration sinceCommit) {
        Counter.builder("lockstep.watcher.commits.observed")
                .description("New commits announced, per source")
                .tag("source", source).register(registry).increment();
        Counter.builder("lockstep.watcher.applications.observed")
                .description("CommitObserved events emitted, per source")
                .tag("source", source).register(registry).increment(applications);
        if (!sinceCommit.isNegative()) {
            Timer.builder("lockstep.watcher.detection.latency")
                    .description("From the commit's time to its announcement")
                    .tag("source", source).register(registry).record(sinceCommit);
        }
    }

    /** A poll started, by what asked for it ({@code schedule}, {@code webhook}, {@code refresh}). */
    public void polled(String source, String trigger) {
        Counter.builder("lockstep.watcher.polls")
                .description("Polls of a source (ls-remote, then a fetch if the ref moved), by trigger")
                .tag("source", source).tag("trigger", trigger).register(registry).increment();
    }

    /**
     * A webhook delivery, by provider and outcome. Not by source: the source is the caller's choice of URL, and
     * an unauthenticated caller must not be able to create meters at will.
     */
    public void webhook(String provider, String outcome) {
        Counter.builder("lockstep.watcher.webhook.deliveries")
                .description("Webhook deliveries by provider and outcome (accepted, ignored, forged, unsigned, "
                        + "replayed, stale, malformed, too-large, unknown-source)")
                .tag("provider", provider).tag("outcome", outcome).register(registry).increment();
    }

    public void error(String source, String reason) {
        Counter.builder("lockstep.watcher.errors")
                .description("Failed polls, by reason (counted every time, reported on transitions)")
                .tag("source", source).tag("reason", reason).register(registry).increment();
    }
}
