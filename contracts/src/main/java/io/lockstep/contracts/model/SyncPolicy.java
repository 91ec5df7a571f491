package io.lockstep.contracts.model;

/**
 * How an application is synced: applied automatically, pruned, healed when the live state drifts, and whether an
 * empty render may prune everything (off by default: an empty render is far more often a mistake than an intent).
 */
public record SyncPolicy(boolean automated, boolean prune, boolean selfHeal, boolean allowEmpty) {
    public static SyncPolicy defaults() {
        return new SyncPolicy(true, false, false, false);
    }
}
