package io.lockstep.notifier.delivery;

import io.lockstep.contracts.events.NotificationDelivered;
import java.util.concurrent.CompletionStage;

/**
 * Tells other systems what became of a delivery. Sends at once and completes when the event is durably accepted, so
 * that a batch of outcomes is sent together and their acknowledgements awaited together.
 */
public interface DeliveryPublisher {
    CompletionStage<Void> publish(NotificationDelivered delivered);
}
