package io.lockstep.differ.reconcile;

import io.lockstep.contracts.events.DriftEvent;

/** Where the reconciler's outcome goes (Kafka in production); returns once the event is durably accepted. */
public interface DriftSink {
    void publish(DriftEvent event);
}
