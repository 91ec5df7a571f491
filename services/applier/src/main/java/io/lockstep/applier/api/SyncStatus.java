package io.lockstep.applier.api;

/** The sync status of an application, derived from its last operation. */
final class SyncStatus {
    private SyncStatus() {
    }

    static String of(String status, String outcome, String health) {
        if (!"completed".equals(status)) {
            return "Syncing";
        }
        if ("failed".equals(outcome)) {
            return "SyncFailed";
        }
        if ("superseded".equals(outcome)) {
            return "Superseded";
        }
        if ("degraded".equals(health)) {
            return "Degraded";
        }
        return "Synced";
    }
}
