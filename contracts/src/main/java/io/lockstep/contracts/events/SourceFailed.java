package io.lockstep.contracts.events;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.Require;
import java.time.Instant;
import java.util.List;

/**
 * A source could not be read: unreachable, refused credentials, invalid {@code lockstep.yaml}, rejected signature.
 * Keyed by the source id ({@code appId} holds it) since no single application is concerned. {@code commit} is null
 * when no commit could be read; {@code file}, {@code line} and {@code field} locate the error where one exists.
 * {@code apps} are the applications last known for this source, so their owners can be told.
 */
public record SourceFailed(String id, String appId, String source, CommitInfo commit, String reason, String file,
        Integer line, String field, String message, List<AppSpec> apps, Instant time) implements CommitEvent {
    public SourceFailed {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(source, "source");
        Require.present(reason, "reason");
        Require.present(message, "message");
        Require.present(time, "time");
        apps = Require.list(apps);
    }
}
