package io.lockstep.repowatcher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The repo-watcher's meters: fetch duration, commits observed, detection latency and errors by reason. */
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

    public void error(String source, String reason) {
        Counter.builder("lockstep.watcher.errors")
                .description("Failed polls, by reason (counted every time, reported on transitions)")
                .tag("source", source).tag("reason", reason).register(registry).increment();
    }
}
