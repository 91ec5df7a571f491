package io.lockstep.testsupport.kafka;

import io.lockstep.contracts.events.LockstepEvent;
import java.util.Map;

/** An event as a consumer saw it on the broker: topic, key, headers and the decoded event. */
public record ReceivedEvent(String topic, int partition, long offset, String key, Map<String, String> headers,
        LockstepEvent event) {
}
