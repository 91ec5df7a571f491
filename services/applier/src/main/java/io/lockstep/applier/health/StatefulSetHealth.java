package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A StatefulSet is healthy once every replica is ready and the rolling update reached its partition. */
public final class StatefulSetHealth implements HealthRule {
    @Override
    public HealthStatus assess(JsonNode live) {
        HealthStatus unobserved = HealthRule.unobservedGeneration(live);
        if (unobserved != null) {
            return unobserved;
        }
        JsonNode spec = live.path("spec");
        JsonNode status = live.path("status");
        long desired = spec.path("replicas").asLong(1);
        long ready = status.path("readyReplicas").asLong(0);
        if (ready < desired) {
            return HealthStatus.progressing(ready + " of " + desired + " replicas ready");
        }
        JsonNode strategy = spec.path("updateStrategy");
        if ("OnDelete".equals(strategy.path("type").asText())) {
            // The controller does not roll pods itself: there is no rollout to wait for.
            return HealthStatus.healthy();
        }
        long partition = strategy.path("rollingUpdate").path("partition").asLong(0);
        long updated = status.path("updatedReplicas").asLong(0);
        if (updated < desired - partition) {
            return HealthStatus.progressing(updated + " of " + (desired - partition) + " replicas updated");
        }
        String current = status.path("currentRevision").asText("");
        String update = status.path("updateRevision").asText("");
        if (partition == 0 && !update.isEmpty() && !update.equals(current)) {
            return HealthStatus.progressing("rolling update to revision " + update + " in progress");
        }
        return HealthStatus.healthy();
    }
}
