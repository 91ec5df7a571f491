package io.lockstep.notifier.support;

import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.testsupport.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads lockstep.dlq.notifier from its beginning. */
public final class DeadLetterReader {
    private DeadLetterReader() {
    }

    /** Waits for the first dead letter with this key that matches, and returns it. */
    public static ConsumerRecord<String, byte[]> awaitOne(String key, Predicate<ConsumerRecord<String, byte[]>> match) {
        try (KafkaConsumer<String, byte[]> consumer = open()) {
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key()) && match.test(record)) {
                        return record;
                    }
                }
                return null;
            }, record -> record != null);
        }
    }

    /** Every dead letter so far, as text (key, headers and value), for assertions that a secret is in none. */
    public static List<String> allAsText() {
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = open()) {
            int empty = 0;
            // The topic is small in tests: read until two polls in a row bring nothing.
            while (empty < 2) {
                var records = consumer.poll(Duration.ofMillis(500));
                empty = records.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    StringBuilder text = new StringBuilder(String.valueOf(record.key())).append(' ');
                    for (Header header : record.headers()) {
                        text.append(header.key()).append('=').append(header(header)).append(' ');
                    }
                    text.append(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
                    out.add(text.toString());
                }
            }
        }
        return out;
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header(header);
    }

    private static String header(Header header) {
        return header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, byte[]> open() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.DLQ_NOTIFIER));
        return consumer;
    }
}
