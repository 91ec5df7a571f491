package io.lockstep.contracts.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The outcome of a sync for one object, after gitops-engine's result codes. */
public enum ResultCode {
    @JsonProperty("synced") SYNCED,
    @JsonProperty("sync-failed") SYNC_FAILED,
    @JsonProperty("pruned") PRUNED,
    @JsonProperty("prune-skipped") PRUNE_SKIPPED
}
