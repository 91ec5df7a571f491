package io.lockstep.contracts.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What became of one notification delivery. */
public enum DeliveryOutcome {
    @JsonProperty("sent") SENT,
    @JsonProperty("failed") FAILED,
    @JsonProperty("suppressed") SUPPRESSED
}
