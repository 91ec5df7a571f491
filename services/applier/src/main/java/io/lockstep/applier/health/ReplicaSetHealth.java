package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A ReplicaSet is healthy once every desired replica is available; degraded when it cannot create pods. */
public final class ReplicaSetHealth implements HealthRule {
    @Override
    public HealthStatus assess(JsonNode live) {
        JsonNode failure = HealthRule.condition(live, "ReplicaFailure");
        if ("True".equals(failure.path("status").asText())) {
            return HealthStatus.degraded("replica failure: " + failure.path("message").asText(
                    failure.path("reason").asText("")));
        }
        HealthStatus unobserved = HealthRule.unobservedGeneration(live);
        if (unobserved != null) {
            return unobserved;
        }
        long desired = live.path("spec").path("replicas").asLong(1);
        long available = live.path("status").path("availableReplicas").asLong(0);
        if (available < desired) {
            return HealthStatus.progressing(available + " of " + desired + " replicas available");
        }
        return HealthStatus.healthy();
    }
}
