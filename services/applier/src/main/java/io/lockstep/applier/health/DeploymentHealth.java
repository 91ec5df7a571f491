package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A Deployment is healthy once its rollout completed: every desired replica updated and available. */
public final class DeploymentHealth implements HealthRule {
    @Override
    public HealthStatus assess(JsonNode live) {
        JsonNode progressing = HealthRule.condition(live, "Progressing");
        if ("ProgressDeadlineExceeded".equals(progressing.path("reason").asText())) {
            return HealthStatus.degraded("rollout exceeded its progress deadline: "
                    + progressing.path("message").asText(""));
        }
        HealthStatus unobserved = HealthRule.unobservedGeneration(live);
        if (unobserved != null) {
            return unobserved;
        }
        if (live.path("spec").path("paused").asBoolean(false)) {
            return HealthStatus.progressing("rollout is paused");
        }
        JsonNode status = live.path("status");
        long desired = live.path("spec").path("replicas").asLong(1);
        long updated = status.path("updatedReplicas").asLong(0);
        long total = status.path("replicas").asLong(0);
        long available = status.path("availableReplicas").asLong(0);
        if (updated < desired) {
            return HealthStatus.progressing(updated + " of " + desired + " replicas updated");
        }
        if (total > updated) {
            return HealthStatus.progressing((total - updated) + " old replicas pending termination");
        }
        if (available < updated) {
            return HealthStatus.progressing(available + " of " + updated + " updated replicas available");
        }
        return HealthStatus.healthy();
    }
}
