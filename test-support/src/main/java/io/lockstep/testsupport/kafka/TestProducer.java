package io.lockstep.testsupport.kafka;

import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.serde.LockstepEventSerializer;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends events to the real broker the way a Lockstep service does (key = application id, CloudEvents headers). */
public final class TestProducer implements AutoCloseable {
    private final KafkaProducer<String, LockstepEvent> producer;
    private final KafkaProducer<String, byte[]> raw;

    public TestProducer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(LockstepEventSerializer.SOURCE_CONFIG, "/lockstep/test");
        producer = new KafkaProducer<>(props, new StringSerializer(), new LockstepEventSerializer());
        raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        producer.partitionsFor(EventType.COMMIT_OBSERVED.topic());
    }

    /** Sends to the event's own topic and waits for the broker's acknowledgement. */
    public RecordMetadata send(LockstepEvent event) {
        return send(EventType.of(event).topic(), event);
    }

    public RecordMetadata send(String topic, LockstepEvent event) {
        try {
            return producer.send(new ProducerRecord<>(topic, event.appId(), event)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send " + event.getClass().getSimpleName() + ": " + e, e);
        }
    }

    /** Sends arbitrary bytes with the given headers: for tests of malformed or hostile input. */
    public RecordMetadata sendRaw(String topic, String key, byte[] value, String... headerPairs) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            record.headers().add(headerPairs[i], headerPairs[i + 1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            return raw.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send raw record: " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close();
        raw.close();
    }
}
