package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A PersistentVolumeClaim is healthy once bound to a volume, degraded when its volume is lost. */
public final class PersistentVolumeClaimHealth implements HealthRule {
    @Override
    public HealthStatus assess(JsonNode live) {
        String phase = live.path("status").path("phase").asText("Pending");
        return switch (phase) {
            case "Bound" -> HealthStatus.healthy();
            case "Lost" -> HealthStatus.degraded("its volume is lost");
            default -> HealthStatus.progressing("waiting for a volume (" + phase.toLowerCase() + ")");
        };
    }
}
