package io.lockstep.differ.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The differ's metrics: {@code lockstep.differ.diff.duration} (histogram, render + live read + diff per
 * application), {@code lockstep.differ.objects.compared}, {@code lockstep.differ.drift} by {@code reason},
 * {@code lockstep.differ.in.sync} and {@code lockstep.differ.render.failures}.
 */
@ApplicationScoped
public class DiffMetrics {
    private final MeterRegistry registry;
    private final Timer duration;
    private final Counter compared;
    private final Counter inSync;
    private final Counter renderFailures;

    public DiffMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder("lockstep.differ.diff.duration")
                .description("Time to render, read the live state and diff one application")
                .publishPercentileHistogram()
                .register(registry);
        this.compared = Counter.builder("lockstep.differ.objects.compared")
                .description("Desired objects compared with their live counterpart").register(registry);
        this.inSync = Counter.builder("lockstep.differ.in.sync")
                .description("Diffs that found the application in sync").register(registry);
        this.renderFailures = Counter.builder("lockstep.differ.render.failures")
                .description("Commits whose source could not be rendered").register(registry);
    }

    void diffTook(Duration elapsed) {
        duration.record(elapsed);
    }

    void compared(int objects) {
        compared.increment(objects);
    }

    void driftFound(String reason) {
        Counter.builder("lockstep.differ.drift").description("Diffs that found drift, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    void inSync() {
        inSync.increment();
    }

    void renderFailed() {
        renderFailures.increment();
    }
}
