package io.lockstep.contracts.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One application as declared in a config repo's {@code lockstep.yaml}. The notification rules are named
 * {@code notify} on the wire ({@code notify} itself cannot name a record component in Java).
 */
public record AppSpec(String name, String path, Target target, SyncPolicy sync, HealthSpec health,
        @JsonProperty("notify") List<NotifyRule> notifications, List<IgnoreDifference> ignoreDifferences,
        HelmSpec helm, RollbackPolicy rollback) {
    public AppSpec {
        Require.present(name, "name");
        Require.present(path, "path");
        target = target == null ? new Target(null, null) : target;
        sync = sync == null ? SyncPolicy.defaults() : sync;
        health = health == null ? HealthSpec.defaults() : health;
        notifications = Require.list(notifications);
        ignoreDifferences = Require.list(ignoreDifferences);
        helm = helm == null ? HelmSpec.defaults() : helm;
        rollback = rollback == null ? RollbackPolicy.defaults() : rollback;
    }

    /** An application without ignore rules, Helm settings or a rollback policy. */
    public AppSpec(String name, String path, Target target, SyncPolicy sync, HealthSpec health,
            List<NotifyRule> notifications) {
        this(name, path, target, sync, health, notifications, null, null, null);
    }
}
