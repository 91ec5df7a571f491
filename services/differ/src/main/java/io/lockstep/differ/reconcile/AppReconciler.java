package io.lockstep.differ.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.AppInSync;
import io.lockstep.contracts.events.AppRemoved;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.differ.config.DifferConfig;
import io.lockstep.differ.diff.LiveSnapshot;
import io.lockstep.differ.diff.ObjectDiffer;
import io.lockstep.differ.diff.Plan;
import io.lockstep.differ.diff.Planner;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns one commit of one application into exactly one drift event, in named steps that stop at the first error:
 * render, read live, plan, publish, remember. The state is saved only after the event is accepted, so a crash in
 * between replays the same plan (same deterministic id) on redelivery.
 */
@ApplicationScoped
public class AppReconciler {
    private static final Logger LOG = Logger.getLogger(AppReconciler.class);

    private final ManifestRenderer renderer;
    private final Planner planner = new Planner();
    private final LiveState live;
    private final DesiredStateStore store;
    private final DriftSink sink;
    private final DiffMetrics metrics;
    private final DifferConfig.Live liveConfig;

    public AppReconciler(DifferConfig config, LiveState live, DesiredStateStore store, DriftSink sink,
            DiffMetrics metrics) {
        DifferConfig.Render render = config.render();
        this.renderer = new ManifestRenderer(
                new RenderLimits(render.maxFileBytes(), render.maxAliases(), render.maxValuesPerDocument()),
                new ClusterScopedKinds(render.clusterScopedKinds().orElse(List.of())));
        this.live = live;
        this.store = store;
        this.sink = sink;
        this.metrics = metrics;
        this.liveConfig = config.live();
    }

    /** Ensures a {@code DriftDetected}, {@code AppInSync} or {@code RenderFailed} for this commit, then records it. */
    public void reconcile(CommitObserved commit) {
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

        Optional<AppState> previous = store.find(appId);
        List<ObjectRef> baseline = previous.map(p -> p.baselineFor(revision)).orElse(List.of());
        List<ObjectRef> refs = desired.stream().map(DesiredObject::ref).toList();
        List<ObjectRef> toRead = new ArrayList<>(refs);
        toRead.addAll(baseline);
        LiveSnapshot snapshot = readLive(appId, commit.commit().shortRevision(), toRead);
        Plan plan = planner.plan(appId, desired, snapshot, baseline);
        metrics.compared(desired.size());
        metrics.diffTook(Duration.ofNanos(System.nanoTime() - started));

        if (plan.inSync()) {
            metrics.inSync();
            sink.publish(new AppInSync(EventIds.of(EventType.APP_IN_SYNC, appId, revision), appId, commit.commit(),
                    commit.app(), desired.size(), Instant.now()));
        } else {
            metrics.driftFound(DriftDetected.NEW_REVISION);
            sink.publish(new DriftDetected(
                    EventIds.of(EventType.DRIFT_DETECTED, appId, revision, DriftDetected.NEW_REVISION), appId,
                    commit.commit(), commit.app(), DriftDetected.NEW_REVISION, plan.changes(), Instant.now()));
        }
        LOG.infof("%s@%s: %d objects, %d to create, %d to update, %d to prune", appId,
                commit.commit().shortRevision(), desired.size(), plan.count(ChangeAction.CREATE),
                plan.count(ChangeAction.UPDATE), plan.count(ChangeAction.PRUNE));

        store.save(AppState.next(previous.orElse(null), appId, revision, digest(desired), refs),
                new String(EventCodec.encode(commit), StandardCharsets.UTF_8));
    }

    /**
     * Ensures that the objects of an application removed from the repository are planned for prune when it asked
     * for prune (only those still carrying its tracking annotation), then forgets the application.
     */
    public void reconcile(AppRemoved removed) {
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
