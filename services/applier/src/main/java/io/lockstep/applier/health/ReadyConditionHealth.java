package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Any object that reports a {@code Ready} condition (most operators' custom resources, after kstatus): healthy when
 * Ready is True for the current generation, degraded when the controller says it is {@code Stalled}, progressing
 * otherwise.
 */
public final class ReadyConditionHealth implements HealthRule {
    /** Whether this rule can judge the object at all. */
    public static boolean applies(JsonNode live) {
        return !HealthRule.condition(live, "Ready").isMissingNode();
    }

    @Override
    public HealthStatus assess(JsonNode live) {
        JsonNode stalled = HealthRule.condition(live, "Stalled");
        if ("True".equals(stalled.path("status").asText())) {
            return HealthStatus.degraded("stalled: " + stalled.path("message").asText(stalled.path("reason").asText()));
        }
        JsonNode ready = HealthRule.condition(live, "Ready");
        long generation = live.path("metadata").path("generation").asLong(0);
        long observed = ready.path("observedGeneration").asLong(live.path("status").path("observedGeneration")
                .asLong(generation));
        if (observed < generation) {
            return HealthStatus.progressing("waiting for the controller to observe generation " + generation);
        }
        if ("True".equals(ready.path("status").asText())) {
            return HealthStatus.healthy();
        }
        String why = ready.path("message").asText(ready.path("reason").asText(""));
        return HealthStatus.progressing("not ready" + (why.isEmpty() ? "" : ": " + why));
    }
}
