package io.lockstep.contracts.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step of a plan: the object, what to do with it, the desired manifest (absent for a prune), and a readable diff
 * of the fields that change (Secret values masked).
 */
public record PlannedChange(ObjectRef ref, ChangeAction action, JsonNode desired, String diff) {
    public PlannedChange {
        Require.present(ref, "ref");
        Require.present(action, "action");
        diff = diff == null ? "" : diff;
    }
}
