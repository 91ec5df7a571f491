package io.lockstep.applier.rollback;

/**
 * What to revert in a config repository: the application's folder ({@code path}) back to {@code toRevision}, or,
 * when that is null, to the parent of {@code currentRevision} (the revision last applied). The person who asked and
 * why go into the commit message. With {@code onlyIfUnchangedSince}, nothing is written when a commit after
 * {@code currentRevision} changed the folder (someone is already fixing it: an automatic revert would undo that).
 */
public record RevertRequest(String source, String appName, String path, String currentRevision, String toRevision,
        String requestedBy, String reason, boolean onlyIfUnchangedSince) {
    /** A revert asked for by a person: whatever came after is undone too. */
    public RevertRequest(String source, String appName, String path, String currentRevision, String toRevision,
            String requestedBy, String reason) {
        this(source, appName, path, currentRevision, toRevision, requestedBy, reason, false);
    }
}
