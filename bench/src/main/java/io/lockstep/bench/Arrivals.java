package io.lockstep.bench;

import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.serde.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every event that reaches the given topics, stamped with {@link System#nanoTime()} when this consumer received it:
 * the end of every latency the benchmark measures. Waiting is on a monitor the consumer thread notifies, so a wait
 * ends as soon as the event is in (never on a polling interval of ours).
 */
final class Arrivals implements AutoCloseable {
    /** An event and when it arrived here. */
    record Arrival(LockstepEvent event, long nanos) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private volatile boolean running = true;
    private int undecodable;

    Arrivals(String bootstrap, List<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                partitions.forEach(consumer::position);
                assigned.countDown();
            }
        });
        thread = new Thread(this::run, "bench-arrivals");
        thread.setDaemon(true);
        thread.start();
        try {
            if (!assigned.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the benchmark's consumer got no partitions within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void run() {
        try {
            while (running) {
                List<Arrival> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.nanoTime();
                    try {
                        batch.add(new Arrival(EventCodec.decode(record.headers(), record.value()), now));
                    } catch (RuntimeException e) {
                        // A dead letter or a foreign record: not one of the events the benchmark waits for.
                        if (undecodable++ < 3) {
                            System.out.println("[bench] skipped an undecodable record on " + record.topic() + ": "
                                    + e.getMessage());
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    synchronized (this) {
                        arrivals.addAll(batch);
                        notifyAll();
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // close() woke us up.
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** A mark to wait from: only events that arrive after it count. */
    synchronized int mark() {
        return arrivals.size();
    }

    /** Waits for the first event of {@code type} matching {@code filter} at or after {@code from}. */
    <T extends LockstepEvent> Arrival await(int from, Class<T> type, Predicate<T> filter, Duration timeout)
            throws TimeoutException, InterruptedException {
        return awaitAll(from, type, filter, 1, timeout).get(0);
    }

    /** Waits for {@code count} events of {@code type} matching {@code filter} at or after {@code from}. */
    synchronized <T extends LockstepEvent> List<Arrival> awaitAll(int from, Class<T> type, Predicate<T> filter,
            int count, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Arrival> found = new ArrayList<>();
        int scanned = from;
        while (true) {
            for (; scanned < arrivals.size(); scanned++) {
                Arrival a = arrivals.get(scanned);
                if (type.isInstance(a.event()) && filter.test(type.cast(a.event()))) {
                    found.add(a);
                    if (found.size() >= count) {
                        return found;
                    }
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("waited " + timeout.toSeconds() + " s for " + count + " "
                        + type.getSimpleName() + " events, got " + found.size() + " (" + arrivals.size()
                        + " events received in all)");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
