package io.lockstep.notifier.trigger;

/**
 * What the notifier last learned about one application, so that triggers fire on transitions only: its last known
 * health and revision, the failure last told (revision and a digest of the error) and the drift last told (revision
 * and a digest of the drifted object set). Null fields mean "nothing known".
 */
public record AppState(String appId, String health, String revision, String failedRevision, String failedDigest,
        String driftRevision, String driftDigest) {

    public static AppState unknown(String appId) {
        return new AppState(appId, null, null, null, null, null, null);
    }

    AppState withSync(String health, String revision) {
        return new AppState(appId, health, revision, failedRevision, failedDigest, driftRevision, driftDigest);
    }

    AppState withFailure(String revision, String digest) {
        return new AppState(appId, health, this.revision, revision, digest, driftRevision, driftDigest);
    }

    AppState withDrift(String revision, String digest) {
        return new AppState(appId, health, this.revision, failedRevision, failedDigest, revision, digest);
    }

    boolean failedWith(String revision, String digest) {
        return revision.equals(failedRevision) && digest.equals(failedDigest);
    }

    boolean driftedWith(String revision, String digest) {
        return revision.equals(driftRevision) && digest.equals(driftDigest);
    }
}
