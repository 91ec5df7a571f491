package io.lockstep.contracts.events;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.Require;
import java.time.Instant;

/** The live state matches the desired state of {@code commit}; {@code objects} is how many were compared. */
public record AppInSync(String id, String appId, CommitInfo commit, AppSpec app, int objects, Instant time)
        implements DriftEvent {
    public AppInSync {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(commit, "commit");
        Require.present(app, "app");
        Require.present(time, "time");
    }
}
