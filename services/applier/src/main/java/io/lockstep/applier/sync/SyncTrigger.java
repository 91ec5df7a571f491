package io.lockstep.applier.sync;

import io.lockstep.contracts.events.DriftDetected;

/**
 * Whether a drift is the applier's to act on. Only automated applications are synced; a live change (someone edited
 * the cluster) is reverted only when the application also asks for self-heal. Everything else is left to people:
 * the notifier warns about it.
 */
public final class SyncTrigger {
    private SyncTrigger() {
    }

    public static boolean shouldSync(DriftDetected drift) {
        if (!drift.app().sync().automated()) {
            return false;
        }
        return !DriftDetected.LIVE_CHANGE.equals(drift.reason()) || drift.app().sync().selfHeal();
    }
}
