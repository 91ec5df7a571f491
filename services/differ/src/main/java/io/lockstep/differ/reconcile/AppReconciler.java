package io.lockstep.differ.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.AppInSync;
import io.lockstep.contracts.events.AppRemoved;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.differ.config.DifferConfig;
import io.lockstep.differ.diff.Baseline;
import io.lockstep.differ.diff.IgnoreRule;
import io.lockstep.differ.diff.LiveSnapshot;
import io.lockstep.differ.diff.ObjectDiffer;
import io.lockstep.differ.diff.Plan;
import io.lockstep.differ.diff.Planner;
import io.lockstep.differ.helm.HelmChartRenderer;
import io.lockstep.differ.live.LiveState;
import io.lockstep.differ.live.LiveStateException;
import io.lockstep.differ.render.ClusterScopedKinds;
import io.lockstep.differ.render.DesiredObject;
import io.lockstep.differ.render.ManifestRenderer;
import io.lockstep.differ.render.RenderException;
import io.lockstep.differ.render.RenderLimits;
import io.lockstep.differ.state.AppState;
import io.lockstep.differ.state.DesiredStateStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Turns one commit of one application into exactly one drift event, in named steps that stop at the first error:
 * render, read live, plan, publish, remember. The state is saved only after the event is accepted, so a crash in
 * between replays the same plan (same deterministic id) on redelivery. Between commits it re-diffs an application
 * against the desired state it keeps in memory (after a live change, on the periodic resync), and restores that
 * state from the store after a restart.
 */
@ApplicationScoped
public class AppReconciler {
    private static final Logger LOG = Logger.getLogger(AppReconciler.class);

    private final ManifestRenderer renderer;
    private final Planner planner;
    private final LiveState live;
    private final DesiredStateStore store;
    private final DriftSink sink;
    private final DiffMetrics metrics;
    private final DifferConfig.Live liveConfig;
    private final AppOwnership ownership;
    /** The desired state of every known application, rendered once per commit (parsing YAML is the costly part). */
    private final Map<String, Desired> desiredApps = new ConcurrentHashMap<>();
    /**
     * Per application, the changes of the last drift reported: a live change re-reports them only if the object
     * changed again since (so an applier half-way through a plan does not look like new drift).
     */
    private final Map<String, Set<String>> reported = new ConcurrentHashMap<>();
    /** Per application, the objects the informers saw change since the last drift reported (by key). */
    private final Map<String, Set<String>> touched = new ConcurrentHashMap<>();
    /** One diff of an application at a time: commits, live changes and resyncs of one app never interleave. */
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * An application's desired state as last observed: its commit, rendered objects and stored state, and the
     * manifests of the revision before (by object key), which say what Lockstep declared before: a field declared
     * there, no longer declared and still live is drift.
     */
    record Desired(CommitObserved commit, List<DesiredObject> objects, AppState state,
            Map<String, ObjectNode> previous) {
    }

    public AppReconciler(DifferConfig config, LiveState live, DesiredStateStore store, DriftSink sink,
            DiffMetrics metrics, AppOwnership ownership) {
        DifferConfig.Render render = config.render();
        this.renderer = new ManifestRenderer(
                new RenderLimits(render.maxFileBytes(), render.maxAliases(), render.maxValuesPerDocument()),
                new ClusterScopedKinds(render.clusterScopedKinds().orElse(List.of())), new HelmChartRenderer());
        this.planner = new Planner(ignoreRules(config));
        this.live = live;
        this.store = store;
        this.sink = sink;
        this.metrics = metrics;
        this.liveConfig = config.live();
        this.ownership = ownership;
    }

    /** Ensures a {@code DriftDetected}, {@code AppInSync} or {@code RenderFailed} for this commit, then records it. */
    public void reconcile(CommitObserved commit) {
        withLock(commit.appId(), () -> reconcileLocked(commit));
    }

    private void reconcileLocked(CommitObserved commit) {
        String appId = commit.appId();
        String revision = commit.commit().revision();
        long started = System.nanoTime();

        List<DesiredObject> desired;
        try {
            desired = renderer.render(appId, commit.app(), commit.files());
        } catch (RenderException e) {
            // A render error is the user's to fix: reported as an event, the previous desired state kept as is.
            metrics.renderFailed();
            LOG.warnf("%s@%s: render failed: %s", appId, commit.commit().shortRevision(), e.describe());
            sink.publish(new RenderFailed(EventIds.of(EventType.RENDER_FAILED, appId, revision), appId,
                    commit.commit(), commit.app(), e.file(), e.line(), e.getMessage(), Instant.now()));
            return;
        }

        Set<String> touchedNow = Set.copyOf(touched.getOrDefault(appId, Set.of()));
        Optional<AppState> previous = store.find(appId);
        Map<String, ObjectNode> declaredBefore = declaredBefore(appId, revision, previous);
        List<ObjectRef> baseline = previous.map(p -> p.baselineFor(revision)).orElse(List.of());
        List<ObjectRef> refs = desired.stream().map(DesiredObject::ref).toList();
        List<ObjectRef> toRead = new ArrayList<>(refs);
        toRead.addAll(baseline);
        LiveSnapshot snapshot = readLive(appId, commit.commit().shortRevision(), toRead);
        Plan plan = planner.plan(appId, IgnoreRule.of(commit.app().ignoreDifferences()), desired, snapshot,
                new Baseline(baseline, declaredBefore));
        metrics.compared(desired.size());
        metrics.diffTook(Duration.ofNanos(System.nanoTime() - started));

        if (plan.inSync()) {
            metrics.inSync();
            reported.remove(appId);
            sink.publish(new AppInSync(EventIds.of(EventType.APP_IN_SYNC, appId, revision), appId, commit.commit(),
                    commit.app(), desired.size(), Instant.now()));
        } else {
            metrics.driftFound(DriftDetected.NEW_REVISION);
            sink.publish(new DriftDetected(
                    EventIds.of(EventType.DRIFT_DETECTED, appId, revision, DriftDetected.NEW_REVISION), appId,
                    commit.commit(), commit.app(), DriftDetected.NEW_REVISION, plan.changes(), Instant.now()));
            reported.put(appId, changeKeys(plan));
        }
        forgetTouched(appId, touchedNow);
        LOG.infof("%s@%s: %d objects, %d to create, %d to update, %d to prune", appId,
                commit.commit().shortRevision(), desired.size(), plan.count(ChangeAction.CREATE),
                plan.count(ChangeAction.UPDATE), plan.count(ChangeAction.PRUNE));

        AppState next = AppState.next(previous.orElse(null), appId, revision, digest(desired), refs);
        store.save(next, new String(EventCodec.encode(commit), StandardCharsets.UTF_8));
        if (ownership.owns(appId)) {
            desiredApps.put(appId, new Desired(commit, desired, next, declaredBefore));
        } else {
            // A commit of a partition revoked while it was being diffed: its new owner restores it from the store.
            forget(appId);
        }
    }

    /**
     * Re-diffs an application against its last observed desired state (no new commit): after a live change or on
     * the periodic resync. Ensures a {@code DriftDetected} with {@code reason} when the live state differs, and
     * nothing when it matches. A live change that only shows drift already reported (say, the applier half-way
     * through applying the last plan) is not reported again; a periodic resync reports any drift.
     *
     * @return true when a drift event was emitted
     */
    public boolean rediff(String appId, String reason) {
        return withLock(appId, () -> rediffLocked(appId, reason));
    }

    /** Notes that the informers saw {@code ref} of {@code appId} change; called before its re-diff is scheduled. */
    public void liveObjectChanged(String appId, ObjectRef ref) {
        if (!ownership.owns(appId)) {
            return; // another replica's: its owner notes it, and this one re-diffs it if it is ever assigned it
        }
        touched.computeIfAbsent(appId, id -> ConcurrentHashMap.newKeySet()).add(ref.key());
    }

    private boolean rediffLocked(String appId, String reason) {
        Desired desired = desiredApps.get(appId);
        if (desired == null || !ownership.owns(appId)) {
            // Not (or no longer) ours: another replica's, an object left by a removed app, or no commit seen yet.
            return false;
        }
        // Taken before the live read: a change that arrives during this diff stays noted for the next one.
        Set<String> touchedNow = Set.copyOf(touched.getOrDefault(appId, Set.of()));
        long started = System.nanoTime();
        CommitObserved commit = desired.commit();
        String revision = commit.commit().revision();
        List<ObjectRef> baseline = desired.state().baselineFor(revision);
        List<ObjectRef> toRead = new ArrayList<>(desired.state().refs());
        toRead.addAll(baseline);
        LiveSnapshot snapshot = readLive(appId, commit.commit().shortRevision(), toRead);
        Plan plan = planner.plan(appId, IgnoreRule.of(commit.app().ignoreDifferences()), desired.objects(),
                snapshot, new Baseline(baseline, desired.previous()));
        metrics.compared(desired.objects().size());
        metrics.diffTook(Duration.ofNanos(System.nanoTime() - started));
        if (plan.inSync()) {
            reported.remove(appId);
            forgetTouched(appId, touchedNow);
            return false;
        }
        Set<String> changes = changeKeys(plan);
        Set<String> already = reported.getOrDefault(appId, Set.of());
        if (DriftDetected.LIVE_CHANGE.equals(reason) && already.containsAll(changes)
                && plan.changes().stream().noneMatch(c -> c.action() != ChangeAction.NONE
                        && touchedNow.contains(c.ref().key()))) {
            LOG.debugf("%s@%s: live change, drift already reported", appId, commit.commit().shortRevision());
            return false;
        }
        Instant now = Instant.now();
        metrics.driftFound(reason);
        // Unique per detection: the same drift found again after it was healed is a new event, not a duplicate.
        sink.publish(new DriftDetected(EventIds.of(EventType.DRIFT_DETECTED, appId, revision, reason,
                fingerprint(changes), now.toString()), appId, commit.commit(), commit.app(), reason, plan.changes(),
                now));
        reported.put(appId, changes);
        forgetTouched(appId, touchedNow);
        LOG.infof("%s@%s: drift (%s): %d to create, %d to update, %d to prune", appId,
                commit.commit().shortRevision(), reason, plan.count(ChangeAction.CREATE),
                plan.count(ChangeAction.UPDATE), plan.count(ChangeAction.PRUNE));
        return true;
    }

    private void forgetTouched(String appId, Set<String> seen) {
        Set<String> keys = touched.get(appId);
        if (keys != null) {
            keys.removeAll(seen);
        }
    }

    /** Re-diffs every known application (reason {@code periodic}); one failing application does not stop the rest. */
    public void resyncAll() {
        for (String appId : List.copyOf(desiredApps.keySet())) {
            try {
                rediff(appId, DriftDetected.PERIODIC);
            } catch (RuntimeException e) {
                LOG.warnf("%s: periodic re-diff failed, next one in the next interval: %s", appId, e.getMessage());
            }
        }
    }

    /**
     * Ensures the desired state in memory is that of exactly the applications this replica owns: the others are
     * forgotten (their new owner acts for them), and each owned application the store knows but memory does not hold
     * at its stored revision (after a restart, a partition newly assigned, or one that came back after another
     * replica diffed its commits) is restored from its last {@code CommitObserved} with its kinds watched, so live
     * changes are seen before any new commit. One run at a time: rebalances can follow each other quickly.
     *
     * @return the applications restored
     */
    public synchronized List<String> recover() {
        for (String appId : List.copyOf(desiredApps.keySet())) {
            if (!ownership.owns(appId)) {
                withLock(appId, () -> {
                    if (!ownership.owns(appId)) {
                        forget(appId);
                    }
                });
            }
        }
        List<String> restored = new ArrayList<>();
        List<ObjectRef> watched = new ArrayList<>();
        for (String json : store.commitsObserved()) {
            CommitObserved commit;
            try {
                commit = EventCodec.decode(CommitObserved.class, json.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                LOG.warnf("skipping a stored desired state that cannot be read: %s", e.getMessage());
                continue;
            }
            if (!ownership.owns(commit.appId())) {
                continue;
            }
            Boolean done = withLock(commit.appId(), () -> {
                Desired known = desiredApps.get(commit.appId());
                if (known != null && known.commit().commit().revision().equals(commit.commit().revision())
                        || !ownership.owns(commit.appId())) {
                    return false;
                }
                Optional<AppState> state = store.find(commit.appId());
                if (state.isEmpty()) {
                    return false;
                }
                try {
                    List<DesiredObject> objects = renderer.render(commit.appId(), commit.app(), commit.files());
                    Map<String, ObjectNode> before = store.previousCommitObserved(commit.appId())
                            .map(previous -> renderStored(commit.appId(), previous)).orElse(Map.of());
                    desiredApps.put(commit.appId(), new Desired(commit, objects, state.get(), before));
                    objects.forEach(o -> watched.add(o.ref()));
                    return true;
                } catch (RenderException e) {
                    LOG.warnf("%s@%s: stored desired state no longer renders, waiting for a new commit: %s",
                            commit.appId(), commit.commit().shortRevision(), e.describe());
                    return false;
                }
            });
            if (done) {
                restored.add(commit.appId());
            }
        }
        // Start the watches now rather than at the next diff, so that a live change is seen right away.
        live.snapshot(watched);
        LOG.infof("restored the desired state of %d applications; %d owned by this replica", restored.size(),
                desiredApps.size());
        return restored;
    }

    private void forget(String appId) {
        desiredApps.remove(appId);
        reported.remove(appId);
        touched.remove(appId);
    }

    /**
     * The manifests of the revision a commit at {@code revision} is diffed against, by object key: the current
     * desired state for a new revision, the one before it for a redelivered commit (as for the prune baseline).
     * From memory when the application is known, else re-rendered from the stored commit.
     */
    private Map<String, ObjectNode> declaredBefore(String appId, String revision, Optional<AppState> stored) {
        Desired known = desiredApps.get(appId);
        if (known != null) {
            return known.commit().commit().revision().equals(revision) ? known.previous() : manifests(known.objects());
        }
        if (stored.isEmpty()) {
            return Map.of();
        }
        Optional<String> json = stored.get().revision().equals(revision) ? store.previousCommitObserved(appId)
                : store.commitObserved(appId);
        return json.map(j -> renderStored(appId, j)).orElse(Map.of());
    }

    /**
     * The manifests of a stored commit, or none when it no longer renders (say, a chart feature this Helm dropped):
     * then removed fields go unseen for one revision, which is better than failing the commit.
     */
    private Map<String, ObjectNode> renderStored(String appId, String json) {
        try {
            CommitObserved commit = EventCodec.decode(CommitObserved.class, json.getBytes(StandardCharsets.UTF_8));
            return manifests(renderer.render(appId, commit.app(), commit.files()));
        } catch (RenderException | RuntimeException e) {
            LOG.warnf("%s: the previous desired state cannot be rendered again, fields removed from the repository "
                    + "are not seen until the next commit: %s", appId, e.getMessage());
            return Map.of();
        }
    }

    private static Map<String, ObjectNode> manifests(List<DesiredObject> objects) {
        Map<String, ObjectNode> manifests = new HashMap<>();
        objects.forEach(o -> manifests.put(o.ref().key(), o.manifest()));
        return manifests;
    }

    /** True when the differ holds a desired state for the application (from a commit or a restart recovery). */
    public boolean knows(String appId) {
        return desiredApps.containsKey(appId);
    }

    private <T> T withLock(String appId, java.util.function.Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(appId, id -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private void withLock(String appId, Runnable work) {
        withLock(appId, () -> {
            work.run();
            return null;
        });
    }

    /** What a change is, independent of when it was seen: object, action, and the readable diff. */
    private static Set<String> changeKeys(Plan plan) {
        Set<String> keys = new HashSet<>();
        for (PlannedChange change : plan.changes()) {
            if (change.action() != ChangeAction.NONE) {
                keys.add(change.ref().key() + "|" + change.action() + "|" + change.diff());
            }
        }
        return keys;
    }

    private static String fingerprint(Set<String> changes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            changes.stream().sorted().forEach(c -> sha.update(c.getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<IgnoreRule> ignoreRules(DifferConfig config) {
        List<IgnoreRule> rules = new ArrayList<>();
        for (DifferConfig.Ignore rule : config.ignore().orElse(List.of())) {
            rules.add(new IgnoreRule(rule.group().orElse(null), rule.kind().orElse(null), rule.name().orElse(null),
                    rule.namespace().orElse(null), rule.pointer()));
        }
        return rules;
    }

    /**
     * Ensures that the objects of an application removed from the repository are planned for prune when it asked
     * for prune (only those still carrying its tracking annotation), then forgets the application.
     */
    public void reconcile(AppRemoved removed) {
        withLock(removed.appId(), () -> reconcileLocked(removed));
    }

    private void reconcileLocked(AppRemoved removed) {
        String appId = removed.appId();
        Optional<AppState> state = store.find(appId);
        if (state.isEmpty()) {
            LOG.infof("%s@%s: removed from the repository; no desired state known, nothing to prune", appId,
                    removed.commit().shortRevision());
            return;
        }
        if (!removed.app().sync().prune()) {
            LOG.infof("%s@%s: removed from the repository; prune is off, its objects stay in place", appId,
                    removed.commit().shortRevision());
        } else {
            List<ObjectRef> owned = state.get().refs();
            Plan plan = planner.pruneAll(appId, readLive(appId, removed.commit().shortRevision(), owned), owned);
            if (!plan.changes().isEmpty()) {
                metrics.driftFound(DriftDetected.APP_REMOVED);
                sink.publish(new DriftDetected(EventIds.of(EventType.DRIFT_DETECTED, appId,
                        removed.commit().revision(), DriftDetected.APP_REMOVED), appId, removed.commit(),
                        removed.app(), DriftDetected.APP_REMOVED, plan.changes(), Instant.now()));
            }
            LOG.infof("%s@%s: removed from the repository; %d objects to prune", appId,
                    removed.commit().shortRevision(), plan.changes().size());
        }
        store.delete(appId);
        forget(appId);
    }

    /**
     * Reads the live objects, retrying a cluster that does not answer: an unreachable API server is transient, and
     * a commit sent to the dead-letter topic for it would be a deploy lost. The last failure is rethrown.
     */
    private LiveSnapshot readLive(String appId, String revision, List<ObjectRef> refs) {
        Duration backoff = liveConfig.retryBackoff();
        for (int attempt = 1;; attempt++) {
            try {
                return live.snapshot(refs);
            } catch (LiveStateException e) {
                if (attempt >= liveConfig.readAttempts()) {
                    throw new LiveStateException(appId + "@" + revision + ": live state unreadable after " + attempt
                            + " attempts: " + e.getMessage(), e);
                }
                LOG.warnf("%s@%s: live state unreadable (attempt %d of %d), retrying in %d ms: %s", appId, revision,
                        attempt, liveConfig.readAttempts(), backoff.toMillis(), e.getMessage());
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveStateException("interrupted while waiting to retry the live read", e);
        }
    }

    /** SHA-256 of the rendered objects in render order: equal digests mean an identical desired state. */
    static String digest(List<DesiredObject> desired) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (DesiredObject object : desired) {
                sha.update(EventCodec.mapper().writeValueAsBytes(ObjectDiffer.normalized(object.manifest())));
                sha.update((byte) '\n');
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot digest the desired state", e);
        }
    }
}
