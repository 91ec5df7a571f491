package io.lockstep.notifier.kafka;

import io.lockstep.contracts.EventType;
import io.lockstep.contracts.serde.CloudEventHeaders;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.notifier.delivery.NotificationDispatcher;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads the events that can fire a notification (drift, sync results, source failures and recoveries; topics in
 * application.properties) a poll's batch at a time and hands them to the dispatcher. The batch is acknowledged when
 * this method returns, i.e. after every delivery is recorded and announced. A record that cannot be decoded goes to
 * the dead-letter topic (with its reason in {@code dead-letter-reason}, like the connector's own dead letters) and
 * the rest of the batch is handled.
 */
@ApplicationScoped
public class NotifierEventsConsumer {
    public static final String CHANNEL = "notifier-events";
    public static final String UNDECODABLE = "undecodable-dead-letters";
    private static final Logger LOG = Logger.getLogger(NotifierEventsConsumer.class);

    /** Only these are decoded; the rest of the topics' traffic (e.g. CommitObserved with its files) is skipped. */
    private static final Set<String> HANDLED = Set.of(EventType.SYNC_COMPLETED.ceType(),
            EventType.RENDER_FAILED.ceType(), EventType.DRIFT_DETECTED.ceType(), EventType.SOURCE_FAILED.ceType(),
            // Fires nothing, but ends a source's failure: the next one is news again.
            EventType.SOURCE_RECOVERED.ceType(),
            // Fires nothing, but ends a drift: the same drift coming back is news again.
            EventType.APP_IN_SYNC.ceType());

    private final NotificationDispatcher dispatcher;
    private final MutinyEmitter<byte[]> deadLetters;

    public NotifierEventsConsumer(NotificationDispatcher dispatcher,
            @Channel(UNDECODABLE) MutinyEmitter<byte[]> deadLetters) {
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        handle(batch);
    }

    /** Handles one record as a batch of one (what a restarted notifier is handed again). */
    public void consume(ConsumerRecord<String, byte[]> record) {
        handle(List.of(record));
    }

    private void handle(List<ConsumerRecord<String, byte[]>> records) {
        List<NotificationDispatcher.Inbound> batch = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE);
            if (type != null && EventType.ofCeType(type).isPresent() && !HANDLED.contains(type)) {
                continue;
            }
            try {
                batch.add(new NotificationDispatcher.Inbound(record.key(),
                        EventCodec.decode(record.headers(), record.value())));
            } catch (RuntimeException e) {
                deadLetter(record, e);
            }
        }
        if (!batch.isEmpty()) {
            dispatcher.dispatch(batch);
        }
    }

    /** The record as it came, with why: the headers the connector's dead-letter queue writes. */
    private void deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException e) {
        LOG.warnf("%s[%d]@%d cannot be decoded, dead-lettered: %s", record.topic(), record.partition(),
                record.offset(), e.getMessage());
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        header(headers, "dead-letter-reason", String.valueOf(e.getMessage()));
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            header(headers, "dead-letter-cause", e.getCause().getMessage());
        }
        header(headers, "dead-letter-topic", record.topic());
        header(headers, "dead-letter-partition", String.valueOf(record.partition()));
        header(headers, "dead-letter-offset", String.valueOf(record.offset()));
        deadLetters.sendMessageAndAwait(Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(record.key())
                        .withHeaders(headers)
                        .build()));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
