package io.lockstep.contracts.events;

import io.lockstep.contracts.model.Require;
import java.time.Instant;

/** Check this source (or this application's source) for new commits now, without waiting for the poll. */
public record RefreshRequested(String id, String appId, String requestedBy, Instant time) implements Command {
    public RefreshRequested {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(time, "time");
    }
}
