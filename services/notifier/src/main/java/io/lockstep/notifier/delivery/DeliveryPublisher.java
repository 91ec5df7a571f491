package io.lockstep.notifier.delivery;

import io.lockstep.contracts.events.NotificationDelivered;

/** Tells other systems what became of a delivery; returns once the event is durably accepted. */
public interface DeliveryPublisher {
    void publish(NotificationDelivered delivered);
}
