package io.lockstep.notifier.trigger;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import java.time.Instant;

/**
 * One thing worth telling the owners of an application: the trigger, the commit it is about, and what happened
 * (outcome, health, and for failures the error and where it is). Everything a message template needs, nothing about
 * where it goes.
 *
 * @param revisionKey the revision part of the delivery key: the commit SHA, or, for an event without a commit (a
 *                    source that could not be fetched), the id of that event
 * @param commit      null when no commit could be read
 * @param app         null for a source error of a source whose applications are unknown
 * @param eventId     the id of the event that fired the trigger
 */
public record Notice(String appId, Trigger trigger, String revisionKey, CommitInfo commit, AppSpec app,
        String outcome, String health, String file, Integer line, String error, String eventId, Instant eventTime) {

    /** The full commit SHA, or null. */
    public String revision() {
        return commit == null ? null : commit.revision();
    }

    public String shortRevision() {
        return commit == null ? "" : commit.shortRevision();
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
}
