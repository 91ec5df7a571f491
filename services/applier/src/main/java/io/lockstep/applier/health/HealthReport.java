package io.lockstep.applier.health;

import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectRef;
import java.util.Map;
import java.util.stream.Collectors;

/** The health of an application's objects: the worst of them, and a summary of those that are not healthy. */
public record HealthReport(Health health, Map<ObjectRef, HealthStatus> objects, String message) {
    public static HealthReport of(Map<ObjectRef, HealthStatus> objects) {
        Health worst = Health.HEALTHY;
        for (HealthStatus s : objects.values()) {
            worst = worst.worst(s.health());
        }
        String message = objects.entrySet().stream()
                .filter(e -> e.getValue().health() != Health.HEALTHY)
                .map(e -> e.getKey() + ": " + e.getValue().health().name().toLowerCase()
                        + (e.getValue().message() == null ? "" : " (" + e.getValue().message() + ")"))
                .collect(Collectors.joining("; "));
        return new HealthReport(worst, Map.copyOf(objects), message.isEmpty() ? null : message);
    }

    public HealthReport withHealth(Health health, String message) {
        return new HealthReport(health, objects, message);
    }
}
