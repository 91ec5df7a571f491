package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Service of type LoadBalancer, or an Ingress, is healthy once the cloud or the ingress controller published an
 * address in {@code status.loadBalancer.ingress}; other Services are healthy once they exist.
 */
public final class LoadBalancerHealth implements HealthRule {
    @Override
    public HealthStatus assess(JsonNode live) {
        boolean isService = "Service".equals(live.path("kind").asText());
        if (isService && !"LoadBalancer".equals(live.path("spec").path("type").asText())) {
            return HealthStatus.healthy();
        }
        JsonNode ingress = live.path("status").path("loadBalancer").path("ingress");
        if (ingress.isArray() && !ingress.isEmpty()) {
            return HealthStatus.healthy();
        }
        return HealthStatus.progressing("waiting for a load balancer address");
    }
}
