package io.lockstep.contracts.events;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.Require;
import java.time.Instant;
import java.util.List;

/**
 * The live state differs from the desired state of {@code commit}; {@code plan} says what converges it.
 * {@code reason} is {@code new-revision}, {@code live-change}, {@code periodic} or {@code app-removed}.
 */
public record DriftDetected(String id, String appId, CommitInfo commit, AppSpec app, String reason,
        List<PlannedChange> plan, Instant time) implements DriftEvent {
    public static final String NEW_REVISION = "new-revision";
    public static final String LIVE_CHANGE = "live-change";
    public static final String PERIODIC = "periodic";
    public static final String APP_REMOVED = "app-removed";

    public DriftDetected {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(commit, "commit");
        Require.present(app, "app");
        Require.present(reason, "reason");
        Require.present(time, "time");
        plan = Require.list(plan);
    }
}
