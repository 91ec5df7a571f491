package io.lockstep.contracts.events;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.Require;
import java.time.Instant;

/** A commit removed an application from {@code lockstep.yaml}; its objects may be pruned if it asked for prune. */
public record AppRemoved(String id, String appId, String source, CommitInfo commit, AppSpec app, Instant time)
        implements CommitEvent {
    public AppRemoved {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(source, "source");
        Require.present(commit, "commit");
        Require.present(app, "app");
        Require.present(time, "time");
    }
}
