package io.lockstep.applier.metrics;

import io.lockstep.applier.sync.SyncObserver;
import io.lockstep.applier.sync.SyncReport;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.ResultCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Sync metrics: {@code lockstep.applier.sync.duration} (timer, tags outcome and health),
 * {@code lockstep.applier.objects.applied} and {@code lockstep.applier.objects.pruned} (counters). No application
 * tag: the number of applications is unbounded, the history table answers per-application questions.
 */
@ApplicationScoped
public class MicrometerSyncObserver implements SyncObserver {
    private final MeterRegistry registry;
    private final Counter applied;
    private final Counter pruned;

    public MicrometerSyncObserver(MeterRegistry registry) {
        this.registry = registry;
        this.applied = Counter.builder("lockstep.applier.objects.applied")
                .description("Objects server-side applied").register(registry);
        this.pruned = Counter.builder("lockstep.applier.objects.pruned")
                .description("Objects deleted by prune").register(registry);
    }

    @Override
    public void completed(SyncCompleted result, SyncReport report) {
        Timer.builder("lockstep.applier.sync.duration")
                .description("Time from the start of a sync operation to its result, health wait included")
                .tag("outcome", result.outcome().name().toLowerCase())
                .tag("health", result.health().name().toLowerCase())
                .register(registry)
                .record(result.startedAt() == null || result.finishedAt() == null ? Duration.ZERO
                        : Duration.between(result.startedAt(), result.finishedAt()));
        if (report != null) {
            applied.increment(report.count(ResultCode.SYNCED));
            pruned.increment(report.count(ResultCode.PRUNED));
        }
    }
}
