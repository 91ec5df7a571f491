package io.lockstep.contracts.serde;

import io.lockstep.contracts.events.LockstepEvent;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer for every Lockstep event: JSON data plus the CloudEvents binary-mode headers. The
 * {@code ce_source} is the {@value #SOURCE_CONFIG} producer property (default {@code /lockstep}).
 */
public class LockstepEventSerializer implements Serializer<LockstepEvent> {
    public static final String SOURCE_CONFIG = "lockstep.cloudevents.source";

    private String source = "/lockstep";

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object configured = configs.get(SOURCE_CONFIG);
        if (configured != null && !configured.toString().isBlank()) {
            source = configured.toString();
        }
    }

    @Override
    public byte[] serialize(String topic, LockstepEvent data) {
        return data == null ? null : EventCodec.encode(data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, LockstepEvent data) {
        if (data == null) {
            return null;
        }
        CloudEventHeaders.write(headers, data, source);
        return EventCodec.encode(data);
    }
}
