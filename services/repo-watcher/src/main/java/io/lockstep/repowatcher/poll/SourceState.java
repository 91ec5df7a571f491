package io.lockstep.repowatcher.poll;

import io.lockstep.contracts.model.AppSpec;
import java.util.List;

/**
 * What the watcher remembers about one source between polls and restarts.
 *
 * @param revision the last commit whose events were acknowledged by the broker, null before the first
 * @param apps the applications announced at {@code revision}
 * @param failureKey identifies the failure last reported, null when the source is healthy; a failure is reported
 *        only when this changes (transitions, not every poll)
 * @param failedRevision the remote commit that failed validation, so an unchanged bad commit is not re-read
 */
public record SourceState(String sourceId, String revision, List<AppSpec> apps, String failureKey,
        String failedRevision) {
    public SourceState {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    public static SourceState initial(String sourceId) {
        return new SourceState(sourceId, null, List.of(), null, null);
    }

    public SourceState announced(String newRevision, List<AppSpec> newApps) {
        return new SourceState(sourceId, newRevision, newApps, null, null);
    }

    public SourceState failed(String key, String atRevision) {
        return new SourceState(sourceId, revision, apps, key, atRevision);
    }

    /** The reason of the failure last reported (the first part of {@link #failureKey()}), or null. */
    public String failureReason() {
        if (failureKey == null) {
            return null;
        }
        int bar = failureKey.indexOf('|');
        return bar < 0 ? failureKey : failureKey.substring(0, bar);
    }

    public SourceState recovered() {
        return new SourceState(sourceId, revision, apps, null, null);
    }
}
