package io.lockstep.applier.health;

import io.lockstep.contracts.model.Health;

/** The health of one object and, unless healthy, why. */
public record HealthStatus(Health health, String message) {
    public static HealthStatus healthy() {
        return new HealthStatus(Health.HEALTHY, null);
    }

    public static HealthStatus progressing(String message) {
        return new HealthStatus(Health.PROGRESSING, message);
    }

    public static HealthStatus degraded(String message) {
        return new HealthStatus(Health.DEGRADED, message);
    }

    public static HealthStatus missing() {
        return new HealthStatus(Health.MISSING, "not found in the cluster");
    }
}
