package io.lockstep.contracts.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Health of an object or an application; the declaration order is the severity order used to aggregate. */
public enum Health {
    @JsonProperty("healthy") HEALTHY,
    @JsonProperty("progressing") PROGRESSING,
    @JsonProperty("unknown") UNKNOWN,
    @JsonProperty("missing") MISSING,
    @JsonProperty("degraded") DEGRADED;

    /** The worse of two health values. */
    public Health worst(Health other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
