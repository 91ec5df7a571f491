package io.lockstep.contracts.events;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.Require;
import java.time.Instant;

/**
 * The application's source at {@code commit} could not be rendered; nothing is applied or pruned for it.
 * {@code file} and {@code line} locate the error where one exists.
 */
public record RenderFailed(String id, String appId, CommitInfo commit, AppSpec app, String file, Integer line,
        String message, Instant time) implements DriftEvent {
    public RenderFailed {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(commit, "commit");
        Require.present(app, "app");
        Require.present(message, "message");
        Require.present(time, "time");
    }

    /** "apps/web/deploy.yaml line 7: reason", or as much of it as is known. */
    public String location() {
        if (file == null) {
            return "";
        }
        return line == null ? file : file + " line " + line;
    }
}
