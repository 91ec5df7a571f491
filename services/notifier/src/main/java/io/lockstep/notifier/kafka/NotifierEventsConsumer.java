package io.lockstep.notifier.kafka;

import io.lockstep.contracts.EventType;
import io.lockstep.contracts.serde.CloudEventHeaders;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.notifier.delivery.NotificationDispatcher;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the events that can fire a notification (drift, sync results, source failures; topics in
 * application.properties) and hands them to the dispatcher. The record is acknowledged when this method returns,
 * i.e. after every delivery is recorded and announced; an event that cannot be decoded goes to the dead-letter topic.
 */
@ApplicationScoped
public class NotifierEventsConsumer {
    public static final String CHANNEL = "notifier-events";

    /** Only these are decoded; the rest of the topics' traffic (e.g. CommitObserved with its files) is skipped. */
    private static final Set<String> HANDLED = Set.of(EventType.SYNC_COMPLETED.ceType(),
            EventType.RENDER_FAILED.ceType(), EventType.DRIFT_DETECTED.ceType(), EventType.SOURCE_FAILED.ceType(),
            // Fires nothing, but ends a drift: the same drift coming back is news again.
            EventType.APP_IN_SYNC.ceType());

    private final NotificationDispatcher dispatcher;

    public NotifierEventsConsumer(NotificationDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        String type = CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE);
        if (type != null && EventType.ofCeType(type).isPresent() && !HANDLED.contains(type)) {
            return;
        }
        dispatcher.dispatch(EventCodec.decode(record.headers(), record.value()));
    }
}
