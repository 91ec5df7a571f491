package io.lockstep.launcher.status;

import java.time.Instant;

/**
 * One application as the events tell it: the revision last seen, whether the cluster matches it ({@code Synced},
 * {@code OutOfSync}, {@code SyncFailed}, {@code RenderFailed}), health, and the last operation the applier ran.
 */
public record AppStatus(String app, String revision, String sync, String health, String lastOperation,
        String lastOperationOutcome, Instant lastOperationAt, String message, Instant updatedAt) {
}
