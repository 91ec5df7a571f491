package io.lockstep.applier.sync;

import io.lockstep.applier.health.Pacer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * One lock per application, so that two operations on one application never run at once: in this process a
 * {@link ReentrantLock} (drifts, manual syncs, rollbacks and start-up recovery share it), and across replicas an
 * {@link AppLeases lease} held, and renewed every third of its time to live, for as long as the operation runs.
 * Kafka's keyed partitions already give an application's events to one consumer; the lease covers what they do
 * not: a rebalance that overlaps a running sync, and start-up recovery of an operation another replica still runs.
 */
public final class AppLocks implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AppLocks.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final AppLeases leases;
    private final String holder;
    private final Duration ttl;
    private final Pacer pacer;
    /** The applications whose lease this process holds; guarded by itself, with the renewals and releases. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer;

    /** Work done while holding an application's lock. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws InterruptedException;
    }

    /** Locks inside this process only (one replica, or tests). */
    public AppLocks() {
        this(null, null, null, null);
    }

    /**
     * @param holder this replica's name in the leases (unique among live replicas)
     * @param ttl how long a lease lasts without renewal: how long a stopped replica's applications wait
     */
    public AppLocks(AppLeases leases, String holder, Duration ttl, Pacer pacer) {
        this.leases = leases;
        this.holder = holder;
        this.ttl = ttl;
        this.pacer = pacer;
        if (leases == null) {
            this.renewer = null;
        } else {
            this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lockstep-applier-lease-renewal");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, ttl.toMillis() / 3);
            renewer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** This replica's name in the leases. */
    public String holder() {
        return holder;
    }

    /** Runs {@code work} holding the application's lock, waiting while another replica holds its lease. */
    public <T> T withLock(String appId, Work<T> work) throws InterruptedException {
        return locked(appId, work, true).orElse(null);
    }

    /**
     * Runs {@code work} holding the application's lock unless another live replica holds its lease: then nothing
     * runs and the result is empty (start-up recovery leaves that replica's operations to it).
     */
    public <T> Optional<T> withLockIfFree(String appId, Work<T> work) throws InterruptedException {
        return locked(appId, work, false);
    }

    /** A pause long enough for a lease to have moved on: how often recovery looks again at a busy application. */
    public void pauseForLeases() throws InterruptedException {
        if (pacer != null) {
            pacer.pause(ttl.dividedBy(2));
        }
    }

    private <T> Optional<T> locked(String appId, Work<T> work, boolean wait) throws InterruptedException {
        ReentrantLock lock = locks.computeIfAbsent(appId, k -> new ReentrantLock(true));
        lock.lockInterruptibly();
        try {
            // Nested work (an automatic revert inside a sync) runs under the lease its caller holds.
            boolean lease = leases != null && lock.getHoldCount() == 1;
            if (lease && !acquire(appId, wait)) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(work.run());
            } finally {
                if (lease) {
                    release(appId);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean acquire(String appId, boolean wait) throws InterruptedException {
        Duration pause = FIRST_PAUSE;
        boolean told = false;
        while (true) {
            synchronized (held) {
                if (leases.tryAcquire(appId, holder, ttl)) {
                    held.add(appId);
                    return true;
                }
            }
            if (!wait) {
                return false;
            }
            if (!told) {
                LOG.infof("app %s: replica %s is running an operation of it; waiting for its lease", appId,
                        leases.liveHolder(appId).orElse("(gone)"));
                told = true;
            }
            pacer.pause(pause);
            Duration next = pause.multipliedBy(2);
            Duration max = ttl.dividedBy(3);
            pause = next.compareTo(max) > 0 ? max : next;
        }
    }

    private void release(String appId) {
        synchronized (held) {
            held.remove(appId);
            try {
                leases.release(appId, holder);
            } catch (RuntimeException e) {
                // The work is done; the lease runs out by itself within its time to live.
                LOG.warnf("app %s: lease not released (it expires within %s): %s", appId, ttl, e.getMessage());
            }
        }
    }

    private void renewAll() {
        synchronized (held) {
            for (String appId : held) {
                try {
                    if (!leases.renew(appId, holder, ttl)) {
                        // This replica was stalled longer than the lease lasts: another may be running the app now.
                        LOG.warnf("app %s: lease lost (not renewed within %s); another replica may run its "
                                + "operations now", appId, ttl);
                    }
                } catch (RuntimeException e) {
                    LOG.warnf("app %s: lease not renewed: %s", appId, e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        if (renewer != null) {
            renewer.shutdownNow();
        }
    }
}
