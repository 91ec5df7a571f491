package io.lockstep.applier.rollback;

/**
 * What to revert in a config repository: the application's folder ({@code path}) back to {@code toRevision}, or,
 * when that is null, to the parent of {@code currentRevision} (the revision last applied). The person who asked and
 * why go into the commit message.
 */
public record RevertRequest(String source, String appName, String path, String currentRevision, String toRevision,
        String requestedBy, String reason) {
}
