package io.lockstep.applier.sync;

import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.SyncPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one sync converges: the application's plan, its sync policy and health timeout, and the keys
 * ({@link io.lockstep.contracts.model.ObjectRef#key()}) of the objects the applier applied for it before.
 */
public record SyncRequest(String appId, SyncPolicy policy, Duration healthTimeout, List<PlannedChange> plan,
        Set<String> inventory) {
    public SyncRequest {
        plan = List.copyOf(plan);
        inventory = Set.copyOf(inventory);
    }
}
