package io.lockstep.repowatcher.poll;

import io.lockstep.contracts.events.CommitEvent;
import java.util.List;

/** Puts commit events on the bus, keyed by application id, and returns only once the broker acknowledged all. */
public interface EventPublisher {
    void publishAll(List<? extends CommitEvent> events);
}
