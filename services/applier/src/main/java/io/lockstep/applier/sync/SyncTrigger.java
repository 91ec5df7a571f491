package io.lockstep.applier.sync;

import io.lockstep.contracts.events.DriftDetected;

/**
 * Whether a drift is the applier's to act on. Only automated applications are synced. Drift found in the cluster
 * rather than in Git (a live change, or the periodic re-diff finding one it missed) is reverted only when the
 * application also asks for self-heal, as Argo CD does; everything else is left to people: the notifier warns.
 */
public final class SyncTrigger {
    private SyncTrigger() {
    }

    public static boolean shouldSync(DriftDetected drift) {
        if (!drift.app().sync().automated()) {
            return false;
        }
        return !isClusterSide(drift.reason()) || drift.app().sync().selfHeal();
    }

    private static boolean isClusterSide(String reason) {
        return DriftDetected.LIVE_CHANGE.equals(reason) || DriftDetected.PERIODIC.equals(reason);
    }
}
