package io.lockstep.applier.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.applier.health.HealthReport;
import io.lockstep.applier.health.HealthRules;
import io.lockstep.applier.health.HealthStatus;
import io.lockstep.applier.health.HealthWaiter;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.ResultCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converges a target to a plan, in the shape of gitops-engine's sync: an ordered list of steps over per-object
 * tasks, each task ending with a result code. The steps are
 * <ol>
 * <li>{@link SyncPhase#APPLY_FOUNDATION}: namespaces and CRDs, which everything else may need;</li>
 * <li>{@link SyncPhase#APPLY}: every other create and update, in {@link KindOrder};</li>
 * <li>{@link SyncPhase#PRUNE}: deletes, after the apply and only when it succeeded, under {@link PrunePolicy};</li>
 * <li>{@link SyncPhase#HEALTH}: waits until the desired objects are healthy or the health timeout passes.</li>
 * </ol>
 * A failed step stops the sync: the tasks of the later steps are reported as not attempted, and health is read
 * once instead of awaited. Objects the plan leaves unchanged ({@code none}) are not touched but count for health.
 */
public final class SyncStateMachine {
    /** The steps of a sync, in order. */
    public enum SyncPhase {
        APPLY_FOUNDATION, APPLY, PRUNE, HEALTH
    }

    private final SyncTarget target;
    private final HealthWaiter healthWaiter;

    public SyncStateMachine(SyncTarget target, HealthWaiter healthWaiter) {
        this.target = target;
        this.healthWaiter = healthWaiter;
    }

    public SyncReport run(SyncRequest request) throws InterruptedException {
        Run run = new Run(request);
        run.apply(SyncPhase.APPLY_FOUNDATION, run.applyTasks.stream().filter(t -> KindOrder.isFoundation(t.ref())).toList());
        run.apply(SyncPhase.APPLY, run.applyTasks.stream().filter(t -> !KindOrder.isFoundation(t.ref())).toList());
        run.prune();
        HealthReport health = run.health();
        String error = run.failure != null ? run.failure
                : health.health() == Health.HEALTHY ? null : health.message();
        return new SyncReport(run.results(), health.health(), error, run.applied, run.removed);
    }

    /** The mutable state of one sync; lives only for the duration of {@link #run}. */
    private final class Run {
        final SyncRequest request;
        final List<PlannedChange> applyTasks;
        final List<PlannedChange> pruneTasks;
        final List<ObjectRef> desired;
        final Map<ObjectRef, ObjectResult> results = new LinkedHashMap<>();
        final List<ObjectRef> applied = new ArrayList<>();
        final List<ObjectRef> removed = new ArrayList<>();
        String failure;

        Run(SyncRequest request) {
            this.request = request;
            Comparator<PlannedChange> applyOrder = Comparator.comparing(PlannedChange::ref, KindOrder.APPLY);
            this.applyTasks = request.plan().stream()
                    .filter(c -> c.action() == ChangeAction.CREATE || c.action() == ChangeAction.UPDATE)
                    .sorted(applyOrder).toList();
            this.pruneTasks = request.plan().stream().filter(c -> c.action() == ChangeAction.PRUNE)
                    .sorted(Comparator.comparing(PlannedChange::ref, KindOrder.PRUNE)).toList();
            this.desired = request.plan().stream()
                    .filter(c -> c.action() != ChangeAction.PRUNE && c.desired() != null && !c.desired().isNull())
                    .sorted(applyOrder).map(PlannedChange::ref).distinct().toList();
            // Reserve the result slots in report order: applies first, then prunes.
            applyTasks.forEach(t -> results.put(t.ref(), null));
            pruneTasks.forEach(t -> results.putIfAbsent(t.ref(), null));
        }

        void apply(SyncPhase phase, List<PlannedChange> tasks) {
            for (PlannedChange task : tasks) {
                if (failure != null) {
                    record(task, ResultCode.SYNC_FAILED, "not applied: " + failure);
                    continue;
                }
                if (task.desired() == null || task.desired().isNull()) {
                    record(task, ResultCode.SYNC_FAILED, "the plan carries no manifest for this object");
                    continue;
                }
                try {
                    target.apply(task.ref(), task.desired());
                    applied.add(task.ref());
                    record(task, ResultCode.SYNCED, task.action() == ChangeAction.CREATE ? "created" : "updated");
                } catch (TargetException e) {
                    record(task, ResultCode.SYNC_FAILED, e.getMessage());
                }
            }
            if (failure == null) {
                failure = firstFailure(tasks, phase);
            }
        }

        void prune() {
            boolean desiredSetEmpty = desired.isEmpty();
            for (PlannedChange task : pruneTasks) {
                if (failure != null) {
                    record(task, ResultCode.PRUNE_SKIPPED, PrunePolicy.APPLY_FAILED);
                    continue;
                }
                PruneDecision decision = PrunePolicy.precheck(request.policy(), desiredSetEmpty,
                        request.inventory().contains(task.ref().key()));
                try {
                    if (decision == null) {
                        decision = PrunePolicy.onLive(request.appId(), target.get(task.ref()).orElse(null));
                    }
                    switch (decision.verdict()) {
                        case DELETE -> {
                            target.delete(task.ref());
                            removed.add(task.ref());
                            record(task, ResultCode.PRUNED, "deleted");
                        }
                        case ALREADY_GONE -> {
                            removed.add(task.ref());
                            record(task, ResultCode.PRUNED, decision.reason());
                        }
                        case SKIP -> record(task, ResultCode.PRUNE_SKIPPED, decision.reason());
                    }
                } catch (TargetException e) {
                    record(task, ResultCode.SYNC_FAILED, e.getMessage());
                }
            }
            if (failure == null) {
                failure = firstFailure(pruneTasks, SyncPhase.PRUNE);
            }
        }

        HealthReport health() throws InterruptedException {
            if (desired.isEmpty()) {
                return HealthReport.of(Map.of());
            }
            if (failure != null) {
                // A failed sync is reported now: waiting for a rollout that may never have started helps no one.
                return assess();
            }
            return healthWaiter.await(this::assess, request.healthTimeout());
        }

        HealthReport assess() {
            Map<ObjectRef, HealthStatus> objects = new LinkedHashMap<>();
            for (ObjectRef ref : desired) {
                try {
                    Optional<JsonNode> live = target.get(ref);
                    objects.put(ref, HealthRules.assess(live.orElse(null)));
                } catch (TargetException e) {
                    objects.put(ref, new HealthStatus(Health.UNKNOWN, e.getMessage()));
                }
            }
            return HealthReport.of(objects);
        }

        void record(PlannedChange task, ResultCode code, String message) {
            results.put(task.ref(), new ObjectResult(task.ref(), task.action(), code, message));
        }

        String firstFailure(List<PlannedChange> tasks, SyncPhase phase) {
            List<ObjectResult> failed = tasks.stream().map(t -> results.get(t.ref()))
                    .filter(r -> r != null && r.code() == ResultCode.SYNC_FAILED).toList();
            if (failed.isEmpty()) {
                return null;
            }
            ObjectResult first = failed.get(0);
            return failed.size() + " object(s) failed in step " + phase.name().toLowerCase().replace('_', '-')
                    + ", first " + first.ref() + ": " + first.message();
        }

        List<ObjectResult> results() {
            return results.values().stream().filter(r -> r != null).toList();
        }
    }
}
