package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A Job is healthy once it completed, degraded once it failed (backoff limit, deadline), progressing meanwhile. */
public final class JobHealth implements HealthRule {
    @Override
    public HealthStatus assess(JsonNode live) {
        JsonNode failed = HealthRule.condition(live, "Failed");
        if ("True".equals(failed.path("status").asText())) {
            return HealthStatus.degraded("job failed: " + failed.path("message").asText(
                    failed.path("reason").asText("")));
        }
        if ("True".equals(HealthRule.condition(live, "Complete").path("status").asText())) {
            return HealthStatus.healthy();
        }
        if (live.path("spec").path("suspend").asBoolean(false)) {
            return HealthStatus.progressing("job is suspended");
        }
        return HealthStatus.progressing(live.path("status").path("active").asLong(0) + " pod(s) running, "
                + live.path("status").path("succeeded").asLong(0) + " succeeded");
    }
}
