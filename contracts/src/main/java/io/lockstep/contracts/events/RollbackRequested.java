package io.lockstep.contracts.events;

import io.lockstep.contracts.model.Require;
import java.time.Instant;

/**
 * Roll this application back by a revert commit: to {@code toRevision} when given, else to the revision before the
 * current one.
 */
public record RollbackRequested(String id, String appId, String toRevision, String requestedBy, String reason,
        Instant time) implements Command {
    public RollbackRequested {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(time, "time");
    }
}
