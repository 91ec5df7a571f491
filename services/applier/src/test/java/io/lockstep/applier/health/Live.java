package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.serde.EventCodec;

/** Live objects written as JSON text, the way a controller leaves them. */
final class Live {
    private Live() {
    }

    static JsonNode json(String json) {
        try {
            return EventCodec.mapper().readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode obj(String json) {
        return (ObjectNode) json(json);
    }
}
