package io.lockstep.applier.sync;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per application, so that two operations on one application never run at once in this process (a drift
 * and, later, a manual sync or rollback from the commands topic). Across processes the Kafka key does it: all events
 * of an application land in one partition, owned by one consumer.
 */
public final class AppLocks {
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Work done while holding an application's lock. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws InterruptedException;
    }

    public <T> T withLock(String appId, Work<T> work) throws InterruptedException {
        ReentrantLock lock = locks.computeIfAbsent(appId, k -> new ReentrantLock(true));
        lock.lockInterruptibly();
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }
}
