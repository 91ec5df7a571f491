package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CustomResourceDefinition is usable once the API server says it is {@code Established} (its instances can be
 * created); degraded when its names were refused ({@code NamesAccepted=False}), progressing until then.
 */
public final class CustomResourceDefinitionHealth implements HealthRule {
    @Override
    public HealthStatus assess(JsonNode live) {
        JsonNode names = HealthRule.condition(live, "NamesAccepted");
        if ("False".equals(names.path("status").asText())) {
            return HealthStatus.degraded("names not accepted: " + names.path("message").asText(
                    names.path("reason").asText("")));
        }
        JsonNode established = HealthRule.condition(live, "Established");
        if ("True".equals(established.path("status").asText())) {
            return HealthStatus.healthy();
        }
        return HealthStatus.progressing("not established yet");
    }
}
