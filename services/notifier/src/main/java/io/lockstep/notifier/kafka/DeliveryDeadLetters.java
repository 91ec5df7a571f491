package io.lockstep.notifier.kafka;

import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.notifier.delivery.DeadLetters;
import io.lockstep.notifier.delivery.DeliveryKey;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Puts the event of a delivery that failed for good on lockstep.dlq.notifier (key: application id), as a CloudEvent
 * like the original, with why in its headers: {@code dead-letter-reason} (as for undecodable records),
 * {@code dead-letter-topic} (where the event came from), and {@code lockstep-delivery-*} (id, trigger, channel,
 * destination as the application named it, attempts). Never a webhook URL, token or password. Synchronized: the
 * dispatcher's lanes may fail deliveries at the same time, and waiting for the ack is what makes a dead letter
 * precede the failure's record.
 */
@ApplicationScoped
public class DeliveryDeadLetters implements DeadLetters {
    public static final String CHANNEL = "delivery-dead-letters";

    private final MutinyEmitter<LockstepEvent> emitter;

    public DeliveryDeadLetters(@Channel(CHANNEL) MutinyEmitter<LockstepEvent> emitter) {
        this.emitter = emitter;
    }

    @Override
    public synchronized void deadLetter(LockstepEvent event, DeliveryKey key, int attempts, String reason) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "dead-letter-reason", "delivery failed: " + reason);
        header(headers, "dead-letter-topic", EventType.of(event).topic());
        header(headers, "lockstep-delivery-id", key.id());
        header(headers, "lockstep-delivery-trigger", key.trigger());
        header(headers, "lockstep-delivery-channel", key.channel());
        header(headers, "lockstep-delivery-destination", key.destination());
        header(headers, "lockstep-delivery-attempts", String.valueOf(attempts));
        emitter.sendMessageAndAwait(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.appId())
                .withHeaders(headers)
                .build()));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
