package io.lockstep.applier.metrics;

import io.lockstep.applier.sync.SyncObserver;
import io.lockstep.applier.sync.SyncReport;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ResultCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Sync metrics: {@code lockstep.applier.sync.duration} (timer, tags outcome and health),
 * {@code lockstep.applier.objects.applied} and {@code lockstep.applier.objects.pruned} (counters),
 * {@code lockstep.applier.health.transitions} (counter, tags from and to) and {@code lockstep.applier.rollbacks}
 * (counter, tag outcome: succeeded when the revert commit was pushed). No application
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

    @Override
    public void healthChanged(Health from, Health to) {
        Counter.builder("lockstep.applier.health.transitions")
                .description("Changes of an application's health from one sync to the next")
                .tag("from", from.name().toLowerCase()).tag("to", to.name().toLowerCase())
                .register(registry).increment();
    }

    @Override
    public void rolledBack(SyncCompleted result) {
        Counter.builder("lockstep.applier.rollbacks")
                .description("Rollbacks asked for, by whether their revert commit was pushed")
                .tag("outcome", result.outcome().name().toLowerCase())
                .register(registry).increment();
    }
}
