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
 * @param failures how many failures were reported so far; it tells one failure episode from the next in event ids,
 *        so that a failure that comes back after a recovery (or after another failure) is news, not a repeat
 */
public record SourceState(String sourceId, String revision, List<AppSpec> apps, String failureKey,
        String failedRevision, long failures) {
    public SourceState {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    public static SourceState initial(String sourceId) {
        return new SourceState(sourceId, null, List.of(), null, null, 0);
    }

    public SourceState announced(String newRevision, List<AppSpec> newApps) {
        return new SourceState(sourceId, newRevision, newApps, null, null, failures);
    }

    /** A newly reported failure: the next episode. */
    public SourceState failed(String key, String atRevision) {
        return new SourceState(sourceId, revision, apps, key, atRevision, failures + 1);
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
        return new SourceState(sourceId, revision, apps, null, null, failures);
    }
}
