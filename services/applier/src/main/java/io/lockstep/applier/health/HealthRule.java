package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the health of one kind of object from its live state, as the kind's controller reports it. */
public interface HealthRule {
    HealthStatus assess(JsonNode live);

    /** Progressing while the controller has not yet seen the latest spec (status.observedGeneration). */
    static HealthStatus unobservedGeneration(JsonNode live) {
        long generation = live.path("metadata").path("generation").asLong(0);
        JsonNode observed = live.path("status").path("observedGeneration");
        if (generation > 0 && (!observed.canConvertToLong() || observed.asLong() < generation)) {
            return HealthStatus.progressing("waiting for the controller to observe generation " + generation);
        }
        return null;
    }

    /** The condition of the given type in status.conditions, or a missing node. */
    static JsonNode condition(JsonNode live, String type) {
        for (JsonNode c : live.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
