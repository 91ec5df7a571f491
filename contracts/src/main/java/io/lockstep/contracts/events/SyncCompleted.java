package io.lockstep.contracts.events;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.Require;
import io.lockstep.contracts.model.SyncOutcome;
import java.time.Instant;
import java.util.List;

/**
 * A sync operation ended: per-object results, the application's health, and the error when it failed.
 * {@code trigger} is what started it ({@code new-revision}, {@code live-change}, {@code manual}, {@code rollback}).
 */
public record SyncCompleted(String id, String appId, String operationId, CommitInfo commit, AppSpec app,
        String trigger, SyncOutcome outcome, Health health, List<ObjectResult> results, String error,
        Instant startedAt, Instant finishedAt, Instant time) implements SyncEvent {
    public SyncCompleted {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(operationId, "operationId");
        Require.present(commit, "commit");
        Require.present(app, "app");
        Require.present(outcome, "outcome");
        Require.present(time, "time");
        health = health == null ? Health.UNKNOWN : health;
        results = Require.list(results);
    }
}
