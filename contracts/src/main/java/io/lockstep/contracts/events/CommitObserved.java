package io.lockstep.contracts.events;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.Require;
import io.lockstep.contracts.model.SourceFile;
import java.time.Instant;
import java.util.List;

/** A commit touched an application: its spec and its source files at that commit. */
public record CommitObserved(String id, String appId, String source, CommitInfo commit, AppSpec app,
        List<SourceFile> files, Instant time) implements CommitEvent {
    public CommitObserved {
        Require.present(id, "id");
        Require.present(appId, "appId");
        Require.present(source, "source");
        Require.present(commit, "commit");
        Require.present(app, "app");
        Require.present(time, "time");
        files = Require.list(files);
    }
}
