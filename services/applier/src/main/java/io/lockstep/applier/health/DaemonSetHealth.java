package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A DaemonSet is healthy once every node that should run it runs the updated pod and it is available. */
public final class DaemonSetHealth implements HealthRule {
    @Override
    public HealthStatus assess(JsonNode live) {
        HealthStatus unobserved = HealthRule.unobservedGeneration(live);
        if (unobserved != null) {
            return unobserved;
        }
        JsonNode status = live.path("status");
        long desired = status.path("desiredNumberScheduled").asLong(0);
        long updated = status.path("updatedNumberScheduled").asLong(0);
        long available = status.path("numberAvailable").asLong(0);
        if (updated < desired) {
            return HealthStatus.progressing(updated + " of " + desired + " nodes updated");
        }
        if (available < desired) {
            return HealthStatus.progressing(available + " of " + desired + " nodes available");
        }
        return HealthStatus.healthy();
    }
}
