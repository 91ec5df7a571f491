package io.lockstep.applier.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.applier.health.HealthReport;
import io.lockstep.applier.health.HealthRules;
import io.lockstep.applier.health.HealthStatus;
import io.lockstep.applier.health.HealthWaiter;
import io.lockstep.applier.health.HttpChecks;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.ResultCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Converges a target to a plan, in the shape of gitops-engine's sync: an ordered list of steps over per-object
 * tasks, each task ending with a result code. The steps are
 * <ol>
 * <li>(when the application's {@code sync.createNamespace} asks) its target namespace, if it is missing and the plan
 * does not declare it;</li>
 * <li>{@link SyncPhase#APPLY_FOUNDATION}: namespaces, then CRDs, which everything else may need; a CRD the plan
 * creates or changes must be {@code Established} before anything else is applied;</li>
 * <li>{@link SyncPhase#APPLY}: every other create and update, wave by wave ({@value #SYNC_WAVE_ANNOTATION},
 * default 0, lowest first), in {@link KindOrder} inside a wave; before the next wave starts, every object of the
 * waves so far must be healthy;</li>
 * <li>{@link SyncPhase#PRUNE}: deletes, after the apply and only when it succeeded, under {@link PrunePolicy};</li>
 * <li>{@link SyncPhase#HEALTH}: waits until the desired objects are healthy, then runs the application's HTTP
 * checks; all waits of one sync share one deadline, the application's health timeout.</li>
 * </ol>
 * A failed step stops the sync: the tasks of the later steps are reported as not attempted, and health is read
 * once instead of awaited. Objects the plan leaves unchanged ({@code none}) are not touched but count for health.
 * Calls to the target that fail for a transient reason are retried ({@link Retry}). An apply conflict with another
 * field manager is forced only when the application's {@code sync.force} asks, and an object whose immutable fields
 * changed is deleted and re-created only when its {@code sync.replace} asks, each within the operator's
 * {@link SyncOptionLimits}.
 */
public final class SyncStateMachine {
    /** The annotation that puts an object in a sync wave. */
    public static final String SYNC_WAVE_ANNOTATION = "lockstep.io/sync-wave";

    /** The steps of a sync, in order. */
    public enum SyncPhase {
        APPLY_FOUNDATION, APPLY, PRUNE, HEALTH
    }

    private final SyncTargets targets;
    private final HealthWaiter healthWaiter;
    private final HttpChecks httpChecks;
    private final Retry retry;
    private final SyncOptionLimits limits;

    /** @param limits which of the applications' sync options the operator allows */
    public SyncStateMachine(SyncTargets targets, HealthWaiter healthWaiter, HttpChecks httpChecks, Retry retry,
            SyncOptionLimits limits) {
        this.targets = targets;
        this.healthWaiter = healthWaiter;
        this.httpChecks = httpChecks;
        this.retry = retry;
        this.limits = limits;
    }

    public SyncStateMachine(SyncTargets targets, HealthWaiter healthWaiter, HttpChecks httpChecks, Retry retry) {
        this(targets, healthWaiter, httpChecks, retry, SyncOptionLimits.ALLOW_ALL);
    }

    /** One cluster, no HTTP checks, no retries. */
    public SyncStateMachine(SyncTarget target, HealthWaiter healthWaiter) {
        this(cluster -> target, healthWaiter, null, Retry.none());
    }

    public SyncReport run(SyncRequest request) throws InterruptedException {
        SyncTarget target;
        try {
            target = targets.forCluster(request.cluster());
        } catch (TargetException e) {
            return refused(request, e.getMessage());
        }
        Run run = new Run(request, target);
        run.readWaves();
        run.createNamespace();
        run.applyFoundation();
        run.applyWaves();
        run.prune();
        HealthReport health = run.health();
        String error = run.failure != null ? run.failure
                : health.health() == Health.HEALTHY ? null : health.message();
        return new SyncReport(run.results(), health.health(), error, run.applied, run.removed);
    }

    /** Nothing can be done for this application (e.g. its cluster is unknown): every task fails with the reason. */
    private static SyncReport refused(SyncRequest request, String reason) {
        List<ObjectResult> results = request.plan().stream()
                .filter(c -> c.action() != ChangeAction.NONE)
                .map(c -> new ObjectResult(c.ref(), c.action(), ResultCode.SYNC_FAILED, reason)).toList();
        return new SyncReport(results, Health.UNKNOWN, reason, List.of(), List.of());
    }

    /** The wave of a desired manifest; throws when the annotation is not an integer. */
    static int wave(JsonNode desired) {
        JsonNode value = desired.path("metadata").path("annotations").path(SYNC_WAVE_ANNOTATION);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        String text = value.asText().trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + SYNC_WAVE_ANNOTATION + " annotation '" + text
                    + "': not an integer");
        }
    }

    /** The mutable state of one sync; lives only for the duration of {@link #run}. */
    private final class Run {
        final SyncRequest request;
        final SyncTarget target;
        final Instant deadline;
        final List<PlannedChange> applyTasks;
        final List<PlannedChange> pruneTasks;
        final List<ObjectRef> desired;
        final Map<ObjectRef, Integer> waves = new HashMap<>();
        final Map<PlannedChange, String> invalidWaves = new LinkedHashMap<>();
        final Map<ObjectRef, ObjectResult> results = new LinkedHashMap<>();
        final List<ObjectRef> applied = new ArrayList<>();
        final List<ObjectRef> removed = new ArrayList<>();
        /** The target namespace when this sync created it: reported first, never in the inventory. */
        final List<ObjectResult> created = new ArrayList<>();
        String failure;
        /** A wait between steps that did not end healthy: the sync stopped there. */
        HealthReport stalled;

        Run(SyncRequest request, SyncTarget target) {
            this.request = request;
            this.target = target;
            this.deadline = healthWaiter.deadline(request.healthTimeout());
            for (PlannedChange change : request.plan()) {
                if (change.action() != ChangeAction.PRUNE && hasManifest(change)) {
                    try {
                        waves.put(change.ref(), wave(change.desired()));
                    } catch (IllegalArgumentException e) {
                        waves.put(change.ref(), 0);
                        invalidWaves.put(change, e.getMessage());
                    }
                }
            }
            // The order things happen in: foundation, then wave by wave, then kind order inside a wave.
            Comparator<PlannedChange> applyOrder = Comparator
                    .comparingInt((PlannedChange c) -> KindOrder.isFoundation(c.ref()) ? 0 : 1)
                    .thenComparingInt(c -> waves.getOrDefault(c.ref(), 0))
                    .thenComparing(PlannedChange::ref, KindOrder.APPLY);
            this.applyTasks = request.plan().stream()
                    .filter(c -> c.action() == ChangeAction.CREATE || c.action() == ChangeAction.UPDATE)
                    .sorted(applyOrder).toList();
            this.pruneTasks = request.plan().stream().filter(c -> c.action() == ChangeAction.PRUNE)
                    .sorted(Comparator.comparing(PlannedChange::ref, KindOrder.PRUNE)).toList();
            this.desired = request.plan().stream()
                    .filter(c -> c.action() != ChangeAction.PRUNE && hasManifest(c))
                    .sorted(applyOrder).map(PlannedChange::ref).distinct().toList();
            // Reserve the result slots in report order: applies first, then prunes.
            applyTasks.forEach(t -> results.put(t.ref(), null));
            pruneTasks.forEach(t -> results.putIfAbsent(t.ref(), null));
        }

        /** A plan with a malformed wave annotation applies nothing: its order cannot be known. */
        void readWaves() {
            invalidWaves.forEach((change, message) -> {
                if (change.action() != ChangeAction.NONE) {
                    record(change, ResultCode.SYNC_FAILED, message);
                    if (failure == null) {
                        failure = change.ref() + ": " + message;
                    }
                }
            });
        }

        /**
         * The target namespace, when the application asks for it (Argo CD's {@code CreateNamespace=true}) and it is
         * missing: created before anything is applied into it. It is not tracked, so never pruned.
         */
        void createNamespace() throws InterruptedException {
            String name = request.namespace();
            if (!request.policy().createNamespace() || !limits.allowCreateNamespace() || failure != null || name == null || name.isBlank() || desired.stream()
                    .anyMatch(r -> "Namespace".equals(r.kind()) && name.equals(r.name()))) {
                return;
            }
            ObjectRef ref = new ObjectRef("v1", "Namespace", null, name);
            try {
                if (retry.call(() -> target.get(ref)).isPresent()) {
                    return;
                }
                ObjectNode namespace = JsonNodeFactory.instance.objectNode();
                namespace.put("apiVersion", "v1").put("kind", "Namespace");
                // Labelled as Lockstep's, but without the tracking annotation: never pruned, like Argo CD's.
                namespace.putObject("metadata").put("name", name).putObject("labels")
                        .put("app.kubernetes.io/managed-by", "lockstep");
                retry.call(() -> target.apply(ref, namespace, false));
                created.add(new ObjectResult(ref, ChangeAction.CREATE, ResultCode.SYNCED,
                        "created (target namespace)"));
            } catch (TargetException e) {
                created.add(new ObjectResult(ref, ChangeAction.CREATE, ResultCode.SYNC_FAILED, e.getMessage()));
                failure = "cannot create the target namespace " + name + ": " + e.getMessage();
            }
        }

        void applyFoundation() throws InterruptedException {
            List<PlannedChange> tasks = applyTasks.stream().filter(t -> KindOrder.isFoundation(t.ref())).toList();
            apply("apply-foundation", tasks);
            List<ObjectRef> crds = tasks.stream().map(PlannedChange::ref)
                    .filter(r -> "CustomResourceDefinition".equals(r.kind()) && applied.contains(r)).toList();
            if (failure == null && !crds.isEmpty()) {
                // Instances of a new CRD are refused until the API server serves it.
                HealthReport established = healthWaiter.await(() -> assess(crds), deadline, request.healthTimeout());
                if (established.health() != Health.HEALTHY) {
                    stalled = established;
                    failure = "CustomResourceDefinitions not established, nothing else applied: "
                            + established.message();
                }
            }
        }

        void applyWaves() throws InterruptedException {
            TreeMap<Integer, List<PlannedChange>> byWave = new TreeMap<>();
            for (PlannedChange task : applyTasks) {
                if (!KindOrder.isFoundation(task.ref())) {
                    byWave.computeIfAbsent(waves.getOrDefault(task.ref(), 0), w -> new ArrayList<>()).add(task);
                }
            }
            List<Integer> order = List.copyOf(byWave.keySet());
            for (int i = 0; i < order.size(); i++) {
                int wave = order.get(i);
                apply(order.size() == 1 ? "apply" : "apply (wave " + wave + ")", byWave.get(wave));
                if (failure == null && i < order.size() - 1) {
                    List<ObjectRef> sofar = desired.stream()
                            .filter(r -> !KindOrder.isFoundation(r) && waves.getOrDefault(r, 0) <= wave).toList();
                    HealthReport healthy = healthWaiter.await(() -> assess(sofar), deadline, request.healthTimeout());
                    if (healthy.health() != Health.HEALTHY) {
                        stalled = healthy;
                        failure = "wave " + wave + " did not become healthy, later waves not applied: "
                                + healthy.message();
                    }
                }
            }
        }

        void apply(String step, List<PlannedChange> tasks) throws InterruptedException {
            for (PlannedChange task : tasks) {
                if (results.get(task.ref()) != null) {
                    continue; // already decided (an invalid wave annotation)
                }
                if (failure != null) {
                    record(task, ResultCode.SYNC_FAILED, "not applied: " + failure);
                    continue;
                }
                if (!hasManifest(task)) {
                    record(task, ResultCode.SYNC_FAILED, "the plan carries no manifest for this object");
                    continue;
                }
                try {
                    retry.call(() -> target.apply(task.ref(), task.desired(), force()));
                    applied.add(task.ref());
                    record(task, ResultCode.SYNCED, task.action() == ChangeAction.CREATE ? "created" : "updated");
                } catch (TargetException e) {
                    if (e.failure() == TargetException.Failure.IMMUTABLE_FIELD && request.policy().replace()
                            && limits.allowReplace()) {
                        replace(task, e);
                    } else {
                        record(task, ResultCode.SYNC_FAILED, explain(e));
                    }
                }
            }
            if (failure == null) {
                failure = firstFailure(tasks, step);
            }
        }

        boolean force() {
            return request.policy().force() && limits.allowForce();
        }

        /**
         * Deletes an object whose immutable fields changed, waits until it is gone (within the sync's deadline) and
         * applies it again (Argo CD's {@code Replace=true} with {@code Force=true}). The object is unavailable in
         * between: that is what the application asked for with {@code sync.replace}.
         */
        void replace(PlannedChange task, TargetException refused) throws InterruptedException {
            ObjectRef ref = task.ref();
            try {
                retry.call(() -> {
                    target.delete(ref);
                    return null;
                });
                HealthReport gone = healthWaiter.await(() -> {
                    try {
                        return HealthReport.of(Map.of(ref, target.get(ref).isPresent()
                                ? HealthStatus.progressing("deleted, waiting for it to be gone")
                                : HealthStatus.healthy()));
                    } catch (TargetException e) {
                        return HealthReport.of(Map.of(ref, new HealthStatus(Health.UNKNOWN, e.getMessage())));
                    }
                }, deadline, request.healthTimeout());
                if (gone.health() != Health.HEALTHY) {
                    record(task, ResultCode.SYNC_FAILED, "replace: deleted because immutable field " + refused.field()
                            + " changed, but not re-created: " + gone.message());
                    return;
                }
                retry.call(() -> target.apply(ref, task.desired(), force()));
                applied.add(ref);
                record(task, ResultCode.SYNCED, "replaced (immutable field " + refused.field()
                        + " changed: deleted and re-created)");
            } catch (TargetException e) {
                record(task, ResultCode.SYNC_FAILED, "replace after immutable field " + refused.field()
                        + " changed failed: " + e.getMessage());
            }
        }

        /** The target's reason, and what the application (or its operator) could do about it. */
        String explain(TargetException e) {
            return switch (e.failure()) {
                case CONFLICT -> e.getMessage() + (request.policy().force()
                        ? "; forcing is not allowed here (lockstep.applier.allow-force=false)"
                        : "; set sync.force: true to take these fields over");
                case IMMUTABLE_FIELD -> e.getMessage() + (request.policy().replace()
                        ? "; replacing is not allowed here (lockstep.applier.allow-replace=false)"
                        : "; set sync.replace: true to let Lockstep delete and re-create it");
                default -> e.getMessage();
            };
        }

        void prune() throws InterruptedException {
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
                        decision = PrunePolicy.onLive(request.appId(),
                                retry.call(() -> target.get(task.ref())).orElse(null));
                    }
                    switch (decision.verdict()) {
                        case DELETE -> {
                            retry.call(() -> {
                                target.delete(task.ref());
                                return null;
                            });
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
                failure = firstFailure(pruneTasks, "prune");
            }
        }

        HealthReport health() throws InterruptedException {
            if (desired.isEmpty()) {
                return HealthReport.of(Map.of());
            }
            if (failure != null) {
                // A failed sync is reported now: waiting for a rollout that may never have started helps no one.
                HealthReport now = assess(desired);
                return stalled == null ? now : now.withHealth(now.health().worst(stalled.health()), now.message());
            }
            HealthReport report = healthWaiter.await(() -> assess(desired), deadline, request.healthTimeout());
            if (report.health() != Health.HEALTHY || request.httpChecks().isEmpty()) {
                return report;
            }
            HealthStatus http = httpChecks == null
                    ? HealthStatus.degraded("HTTP checks declared but no HTTP client configured")
                    : httpChecks.run(request.httpChecks(), deadline, request.healthTimeout());
            return http.health() == Health.HEALTHY ? report : report.withHealth(http.health(), http.message());
        }

        HealthReport assess(List<ObjectRef> refs) {
            Map<ObjectRef, HealthStatus> objects = new LinkedHashMap<>();
            for (ObjectRef ref : refs) {
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

        String firstFailure(List<PlannedChange> tasks, String step) {
            List<ObjectResult> failed = tasks.stream().map(t -> results.get(t.ref()))
                    .filter(r -> r != null && r.code() == ResultCode.SYNC_FAILED).toList();
            if (failed.isEmpty()) {
                return null;
            }
            ObjectResult first = failed.get(0);
            return failed.size() + " object(s) failed in step " + step + ", first " + first.ref() + ": "
                    + first.message();
        }

        List<ObjectResult> results() {
            List<ObjectResult> all = new ArrayList<>(created);
            results.values().stream().filter(r -> r != null).forEach(all::add);
            return all;
        }
    }

    private static boolean hasManifest(PlannedChange change) {
        return change.desired() != null && !change.desired().isNull();
    }
}
