package io.lockstep.contracts.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a sync operation ended as a whole. */
public enum SyncOutcome {
    @JsonProperty("succeeded") SUCCEEDED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("superseded") SUPERSEDED
}
