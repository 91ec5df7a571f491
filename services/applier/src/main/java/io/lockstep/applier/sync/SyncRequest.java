package io.lockstep.applier.sync;

import io.lockstep.contracts.model.HttpCheck;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one sync converges: the application's plan, the cluster and default namespace it goes to, its sync policy,
 * health timeout and HTTP checks, and the keys ({@link io.lockstep.contracts.model.ObjectRef#key()}) of the objects the applier applied
 * for it before.
 */
public record SyncRequest(String appId, String cluster, String namespace, SyncPolicy policy, Duration healthTimeout,
        List<HttpCheck> httpChecks, List<PlannedChange> plan, Set<String> inventory) {
    public SyncRequest {
        cluster = cluster == null ? Target.IN_CLUSTER : cluster;
        httpChecks = List.copyOf(httpChecks);
        plan = List.copyOf(plan);
        inventory = Set.copyOf(inventory);
    }

    /** A request for the default cluster without HTTP checks. */
    public SyncRequest(String appId, SyncPolicy policy, Duration healthTimeout, List<PlannedChange> plan,
            Set<String> inventory) {
        this(appId, Target.IN_CLUSTER, null, policy, healthTimeout, List.of(), plan, inventory);
    }
}
