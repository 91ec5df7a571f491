package io.lockstep.contracts.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the plan does with one object. */
public enum ChangeAction {
    @JsonProperty("create") CREATE,
    @JsonProperty("update") UPDATE,
    @JsonProperty("prune") PRUNE,
    @JsonProperty("none") NONE
}
