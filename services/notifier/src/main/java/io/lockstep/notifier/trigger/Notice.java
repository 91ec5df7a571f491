package io.lockstep.notifier.trigger;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import java.time.Instant;
import java.util.List;

/**
 * One thing worth telling the owners of an application: the trigger, the commit it is about, and what happened
 * (outcome, health, the objects concerned, and for failures the error and where it is). Everything a message
 * template needs, nothing about where it goes.
 *
 * @param revisionKey the revision part of the delivery key: the commit SHA (plus, for triggers that can fire more
 *                    than once per commit, what makes that occurrence distinct), or, for an event without a commit
 *                    (a source that could not be fetched), the id of that event
 * @param commit      null when no commit could be read
 * @param app         null for a source error of a source whose applications are unknown
 * @param eventId     the id of the event that fired the trigger
 * @param changes     the objects concerned (synced, failed, drifted), possibly empty
 */
public record Notice(String appId, Trigger trigger, String revisionKey, CommitInfo commit, AppSpec app,
        String outcome, String health, String file, Integer line, String error, String eventId, Instant eventTime,
        List<Change> changes) {
    /** Objects listed in a message; the rest are counted. */
    public static final int MAX_LISTED_CHANGES = 10;
    /** Characters of diff in a message: enough to see what changed, short enough for a chat message. */
    public static final int MAX_DIFF = 1_200;

    public Notice {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public Notice(String appId, Trigger trigger, String revisionKey, CommitInfo commit, AppSpec app, String outcome,
            String health, String file, Integer line, String error, String eventId, Instant eventTime) {
        this(appId, trigger, revisionKey, commit, app, outcome, health, file, line, error, eventId, eventTime,
                List.of());
    }

    /** The same notice keyed differently (a trigger that may fire more than once for one commit). */
    public Notice withRevisionKey(String key) {
        return new Notice(appId, trigger, key, commit, app, outcome, health, file, line, error, eventId, eventTime,
                changes);
    }

    /** The full commit SHA, or null. */
    public String revision() {
        return commit == null ? null : commit.revision();
    }

    public String shortRevision() {
        return commit == null ? "" : commit.shortRevision();
    }

    /** The commit's page on its forge, or "" when the repository URL does not allow a link. */
    public String commitUrl() {
        return commit == null ? "" : CommitLinks.commitUrl(commit.repoUrl(), commit.revision()).orElse("");
    }

    public String author() {
        return commit == null || commit.author() == null ? "" : commit.author();
    }

    public String subject() {
        return commit == null ? "" : commit.subject();
    }

    /** "apps/web/configmap.yaml line 4", or as much as is known, or "". */
    public String location() {
        if (file == null || file.isBlank()) {
            return "";
        }
        return line == null ? file : file + " line " + line;
    }

    /** "demo/web deployed abc1234": application, outcome and short SHA, as subjects and fallback texts start. */
    public String headline() {
        String sha = shortRevision();
        return appId + " " + trigger.phrase() + (sha.isEmpty() ? "" : " " + sha);
    }

    /** The first {@link #MAX_LISTED_CHANGES} changes. */
    public List<Change> listedChanges() {
        return changes.size() <= MAX_LISTED_CHANGES ? changes : changes.subList(0, MAX_LISTED_CHANGES);
    }

    /** How many changes {@link #listedChanges()} leaves out. */
    public int unlistedChanges() {
        return Math.max(0, changes.size() - MAX_LISTED_CHANGES);
    }

    /** The changes' diffs, one after the other, cut at {@link #MAX_DIFF} characters; "" when there is none. */
    public String shortDiff() {
        StringBuilder out = new StringBuilder();
        for (Change change : changes) {
            if (change.diff() == null || change.diff().isBlank()) {
                continue;
            }
            out.append("# ").append(change.object()).append('\n').append(change.diff().strip()).append('\n');
            if (out.length() > MAX_DIFF) {
                break;
            }
        }
        if (out.length() > MAX_DIFF) {
            return out.substring(0, MAX_DIFF) + "\n… (diff truncated)";
        }
        return out.toString().stripTrailing();
    }
}
