package io.lockstep.notifier.delivery;

import io.lockstep.contracts.events.NotificationDelivered;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records deliveries' results and announces them as soon as they end, without making the lanes wait. Outcomes queue
 * up while one group is being written; the next group's results go to the delivery log in one {@code UPDATE}, then
 * its {@code NotificationDelivered} are sent, in queue order, from this writer's single thread (so each
 * application's outcomes keep their order on its partition). A result is thus in PostgreSQL a few milliseconds after
 * its message was accepted, which keeps the window in which a crash would send it again that short, and an outcome
 * is never announced before its result is recorded. The dispatcher awaits every outcome's future (recorded and
 * acknowledged by the broker) before the batch may be acknowledged.
 */
final class OutcomeWriter {
    /** Outcomes per group at most. */
    private static final int MAX_GROUP = 500;

    private record Entry(DeliveryLog.Completed completed, NotificationDelivered outcome,
            CompletableFuture<Void> done) {
    }

    private final DeliveryLog log;
    private final DeliveryPublisher publisher;
    private final Clock clock;
    private final ExecutorService writer;
    private final Queue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    OutcomeWriter(DeliveryLog log, DeliveryPublisher publisher, Clock clock, ExecutorService writer) {
        this.log = log;
        this.publisher = publisher;
        this.clock = clock;
        this.writer = writer;
    }

    /**
     * Queues an outcome: its result ({@code completed}; null for a suppressed duplicate, which has nothing to record)
     * and its announcement. The future completes once both are done, or fails with why one could not be.
     */
    CompletableFuture<Void> submit(DeliveryLog.Completed completed, NotificationDelivered outcome) {
        Entry entry = new Entry(completed, outcome, new CompletableFuture<>());
        queue.add(entry);
        if (writing.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
        return entry.done();
    }

    private void drain() {
        while (true) {
            List<Entry> group = new ArrayList<>();
            for (Entry e = queue.poll(); e != null; e = group.size() < MAX_GROUP ? queue.poll() : null) {
                group.add(e);
            }
            if (group.isEmpty()) {
                writing.set(false);
                // An outcome queued after the poll but before the flag was cleared: take it on.
                if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            write(group);
        }
    }

    private void write(List<Entry> group) {
        try {
            List<DeliveryLog.Completed> results = group.stream().map(Entry::completed)
                    .filter(c -> c != null).toList();
            log.complete(results, Map.of(), clock.instant());
        } catch (RuntimeException e) {
            // Not recorded: not announced either. The batch fails; its redelivery finds the rows pending.
            group.forEach(entry -> entry.done().completeExceptionally(e));
            return;
        }
        for (Entry entry : group) {
            try {
                publisher.publish(entry.outcome()).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        entry.done().completeExceptionally(failure);
                    } else {
                        entry.done().complete(null);
                    }
                });
            } catch (RuntimeException e) {
                entry.done().completeExceptionally(e);
            }
        }
    }
}
