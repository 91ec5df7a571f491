package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A Pod: degraded when it failed or a container is stuck in a state that does not heal by waiting (crash loop,
 * image that cannot be pulled, invalid configuration); healthy when it succeeded, or runs with every container
 * ready; progressing otherwise.
 */
public final class PodHealth implements HealthRule {
    private static final Set<String> STUCK = Set.of("CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff",
            "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    @Override
    public HealthStatus assess(JsonNode live) {
        JsonNode status = live.path("status");
        for (String field : new String[] {"initContainerStatuses", "containerStatuses"}) {
            for (JsonNode container : status.path(field)) {
                String reason = container.path("state").path("waiting").path("reason").asText("");
                if (STUCK.contains(reason)) {
                    return HealthStatus.degraded("container " + container.path("name").asText() + ": " + reason
                            + messageOf(container.path("state").path("waiting")));
                }
            }
        }
        String phase = status.path("phase").asText("Pending");
        switch (phase) {
            case "Succeeded":
                return HealthStatus.healthy();
            case "Failed":
                return HealthStatus.degraded("pod failed" + messageOf(status));
            case "Running":
                if ("True".equals(HealthRule.condition(live, "Ready").path("status").asText())) {
                    return HealthStatus.healthy();
                }
                return HealthStatus.progressing("running, not ready");
            default:
                return HealthStatus.progressing(phase.toLowerCase() + messageOf(status));
        }
    }

    private static String messageOf(JsonNode node) {
        String message = node.path("message").asText("");
        return message.isEmpty() ? "" : ": " + message;
    }
}
