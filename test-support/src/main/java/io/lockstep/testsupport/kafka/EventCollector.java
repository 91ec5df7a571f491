package io.lockstep.testsupport.kafka;

import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.serde.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads Lockstep topics from the real broker in a background thread and keeps every event it decodes, for tests to
 * assert on (with Awaitility). It starts at the end of each topic, so it sees only what happens after it opened.
 */
public final class EventCollector implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ReceivedEvent> received = new CopyOnWriteArrayList<>();
    private final List<String> undecodable = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private volatile boolean running = true;

    private EventCollector(String bootstrapServers, Collection<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-collector-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics, new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<org.apache.kafka.common.TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<org.apache.kafka.common.TopicPartition> partitions) {
                // Resolve the "latest" positions now, so that nothing sent after open() is skipped.
                partitions.forEach(consumer::position);
                assigned.countDown();
            }
        });
        thread = new Thread(this::run, "event-collector");
        thread.setDaemon(true);
    }

    /** Opens a collector on the given topics and returns once it is assigned its partitions. */
    public static EventCollector open(String bootstrapServers, String... topics) {
        EventCollector collector = new EventCollector(bootstrapServers, List.of(topics));
        collector.thread.start();
        try {
            if (!collector.assigned.await(30, TimeUnit.SECONDS)) {
                collector.close();
                throw new IllegalStateException("the event collector got no partitions within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return collector;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), header.value() == null ? null
                                : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    try {
                        LockstepEvent event = EventCodec.decode(record.headers(), record.value());
                        received.add(new ReceivedEvent(record.topic(), record.partition(), record.offset(),
                                record.key(), headers, event));
                    } catch (RuntimeException e) {
                        undecodable.add(record.topic() + "@" + record.offset() + ": " + e.getMessage());
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // close() woke us up.
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    public List<ReceivedEvent> received() {
        return List.copyOf(received);
    }

    /** Records that were on the topics but did not decode as Lockstep events (e.g. dead letters). */
    public List<String> undecodable() {
        return List.copyOf(undecodable);
    }

    /** The events of one type received so far, in arrival order. */
    public <T extends LockstepEvent> List<T> events(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ReceivedEvent r : received) {
            if (type.isInstance(r.event())) {
                out.add(type.cast(r.event()));
            }
        }
        return out;
    }

    public <T extends LockstepEvent> List<T> events(Class<T> type, Predicate<T> filter) {
        return events(type).stream().filter(filter).toList();
    }

    public void clear() {
        received.clear();
        undecodable.clear();
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
