package io.lockstep.contracts.model;

import java.time.Instant;

/**
 * The commit an event is about. {@code repoUrl} never carries credentials: the watcher strips them before it builds
 * this record.
 */
public record CommitInfo(String repoUrl, String revision, String author, String authorEmail, String message,
        Instant committedAt) {
    public CommitInfo {
        Require.present(revision, "revision");
    }

    public String shortRevision() {
        return revision.length() > 7 ? revision.substring(0, 7) : revision;
    }

    public String subject() {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
