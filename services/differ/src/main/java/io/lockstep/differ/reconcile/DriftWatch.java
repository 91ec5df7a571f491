package io.lockstep.differ.reconcile;

import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.differ.config.DifferConfig;
import io.lockstep.differ.live.LiveChangeListener;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Finds drift between commits: re-diffs an application shortly after a live change to one of its objects
 * (debounced, so a burst of changes costs one diff), re-diffs everything on the periodic resync, and restores the
 * desired state of the applications this replica owns when its partitions are assigned (at start-up, after a
 * rebalance) so that both work before the next commit. Only owned applications are re-diffed.
 */
@ApplicationScoped
public class DriftWatch implements LiveChangeListener {
    private static final Logger LOG = Logger.getLogger(DriftWatch.class);

    private final AppReconciler reconciler;
    private final Duration debounce;
    private final ScheduledExecutorService executor;
    /** Applications with a re-diff scheduled and not yet started: further changes fold into it. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public DriftWatch(AppReconciler reconciler, DifferConfig config) {
        this.reconciler = reconciler;
        this.debounce = config.live().debounce();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(config.live().rediffThreads(), task -> {
            Thread thread = new Thread(task, "lockstep-rediff-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * After a rebalance of {@code lockstep.commits} (called on the consumer's thread, so only queued here): ensures
     * the desired state in memory is that of the applications this replica now owns, restoring the newly owned ones
     * from PostgreSQL in the background, and re-diffs each restored one (drift that arose while no replica, or
     * another, watched it is reported as {@code live-change}).
     */
    void onOwnershipChanged(@Observes AppOwnership.Changed changed) {
        executor.execute(() -> {
            try {
                reconciler.recover().forEach(this::scheduleRediff);
            } catch (RuntimeException e) {
                LOG.warnf("restoring the desired state of the applications this replica owns failed; live changes "
                        + "are seen from the next commit of each: %s", e.getMessage());
            }
        });
    }

    @Override
    public void liveObjectChanged(String appId, ObjectRef ref) {
        reconciler.liveObjectChanged(appId, ref);
        scheduleRediff(appId);
    }

    private void scheduleRediff(String appId) {
        if (pending.add(appId)) {
            executor.schedule(() -> rediff(appId), debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void rediff(String appId) {
        // Leave the pending set before diffing: a change seen during this diff schedules another one.
        pending.remove(appId);
        try {
            reconciler.rediff(appId, DriftDetected.LIVE_CHANGE);
        } catch (RuntimeException e) {
            LOG.warnf("%s: re-diff after a live change failed; the periodic resync will retry: %s", appId,
                    e.getMessage());
        }
    }

    /** The safety net: every application re-diffed, drift reported with reason {@code periodic}. */
    @Scheduled(identity = "lockstep-differ-resync", every = "${lockstep.differ.resync-interval:10m}",
            delayed = "${lockstep.differ.resync-interval:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resync() {
        reconciler.resyncAll();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
