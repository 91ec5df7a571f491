package io.lockstep.contracts.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One application as declared in a config repo's {@code lockstep.yaml}. The notification rules are named
 * {@code notify} on the wire ({@code notify} itself cannot name a record component in Java).
 */
public record AppSpec(String name, String path, Target target, SyncPolicy sync, HealthSpec health,
        @JsonProperty("notify") List<NotifyRule> notifications) {
    public AppSpec {
        Require.present(name, "name");
        Require.present(path, "path");
        target = target == null ? new Target(null, null) : target;
        sync = sync == null ? SyncPolicy.defaults() : sync;
        health = health == null ? HealthSpec.defaults() : health;
        notifications = Require.list(notifications);
    }
}
