package io.lockstep.contracts.serde;

import io.lockstep.contracts.events.LockstepEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/** Kafka value deserializer for every Lockstep event; the {@code ce_type} header picks the record. */
public class LockstepEventDeserializer implements Deserializer<LockstepEvent> {
    @Override
    public LockstepEvent deserialize(String topic, byte[] data) {
        throw new EventDecodingException("a Lockstep event needs its ce_type header; read it with headers");
    }

    @Override
    public LockstepEvent deserialize(String topic, Headers headers, byte[] data) {
        return data == null ? null : EventCodec.decode(headers, data);
    }
}
