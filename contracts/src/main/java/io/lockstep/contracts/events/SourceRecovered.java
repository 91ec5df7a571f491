package io.lockstep.contracts.events;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.Require;
import java.time.Instant;
import java.util.List;

/**
 * A source that had failed can be read again. Published once, on the transition, so that consumers (the notifier)
 * treat the next failure as news rather than a repeat of the last one. Keyed like {@link SourceFailed} by the
 * source id ({@code appId} holds it); {@code previousReason} is the reason of the failure that ended, and
 * {@code commit} the commit now read, when there is one.
 */
public record SourceRecovered(String id, String appId, String source, CommitInfo commit, String previousReason,
        List<AppSpec> apps, Instant time) implements CommitEvent {
    public SourceRecovered {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(source, "source");
        Require.present(previousReason, "previousReason");
        Require.present(time, "time");
        apps = Require.list(apps);
    }
}
