package io.lockstep.contracts.events;

import io.lockstep.contracts.model.Require;
import java.time.Instant;

/** Sync this application now, whatever its automation policy. */
public record SyncRequested(String id, String appId, String requestedBy, Instant time) implements Command {
    public SyncRequested {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(time, "time");
    }
}
