package io.lockstep.applier.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.contracts.model.SyncPolicy;

/**
 * The prune safety rules, in the order they are checked. An object is deleted only when every rule agrees: the
 * application allows pruning, the desired set is not empty (unless the application allows that), the applier
 * itself applied the object for this application (inventory), and the live object still says it belongs to this
 * application (tracking annotation). The last two together guard against deleting an object that merely shares a
 * name with one of ours.
 */
public final class PrunePolicy {
    public static final String PRUNE_DISABLED = "prune disabled";
    public static final String EMPTY_DESIRED_SET =
            "refusing to prune: the desired set is empty (set sync.allowEmpty to allow it)";
    public static final String NOT_IN_INVENTORY = "not pruned: not in the applier's inventory for this application";
    public static final String APPLY_FAILED = "not pruned: the apply failed";

    private PrunePolicy() {
    }

    /**
     * Decides before the live object is read: the rules that need no call to the target. Returns null when the
     * live object must be looked at.
     */
    public static PruneDecision precheck(SyncPolicy policy, boolean desiredSetEmpty, boolean inInventory) {
        if (!policy.prune()) {
            return PruneDecision.skip(PRUNE_DISABLED);
        }
        if (desiredSetEmpty && !policy.allowEmpty()) {
            return PruneDecision.skip(EMPTY_DESIRED_SET);
        }
        if (!inInventory) {
            return PruneDecision.skip(NOT_IN_INVENTORY);
        }
        return null;
    }

    /** Decides on the live object (null when absent) once {@link #precheck} passed. */
    public static PruneDecision onLive(String appId, JsonNode live) {
        if (live == null) {
            return PruneDecision.alreadyGone();
        }
        String owner = Tracking.owner(live);
        if (owner == null) {
            return PruneDecision.skip("not pruned: the live object has no " + Tracking.APP_ANNOTATION
                    + " annotation (not managed by Lockstep)");
        }
        if (!owner.equals(appId)) {
            return PruneDecision.skip("not pruned: the live object belongs to " + owner);
        }
        return PruneDecision.delete();
    }
}
