package io.lockstep.contracts.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the applier does on its own when a sync of a new revision ends degraded: nothing (the default), or write a
 * revert commit of that revision, at most once per bad revision.
 */
public record RollbackPolicy(OnFailedHealth onFailedHealth) {
    public RollbackPolicy {
        onFailedHealth = onFailedHealth == null ? OnFailedHealth.NONE : onFailedHealth;
    }

    public static RollbackPolicy defaults() {
        return new RollbackPolicy(OnFailedHealth.NONE);
    }

    /** Whether a degraded revision is reverted automatically. */
    public boolean revertsOnFailedHealth() {
        return onFailedHealth == OnFailedHealth.REVERT;
    }

    /** The action taken when a new revision's sync ends degraded. */
    public enum OnFailedHealth {
        @JsonProperty("none") NONE,
        @JsonProperty("revert") REVERT
    }
}
