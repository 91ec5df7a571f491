package io.lockstep.contracts.model;

/**
 * How an application is synced: applied automatically, pruned, healed when the live state drifts, and whether an
 * empty render may prune everything (off by default: an empty render is far more often a mistake than an intent).
 * {@code createNamespace} creates the target namespace when it is missing; {@code replace} deletes and recreates an
 * object whose immutable fields changed; {@code force} takes ownership of fields another field manager holds. All
 * three are off by default, since each overrides a safety check.
 */
public record SyncPolicy(boolean automated, boolean prune, boolean selfHeal, boolean allowEmpty,
        boolean createNamespace, boolean replace, boolean force) {

    /** The policy without the three overriding options (all off). */
    public SyncPolicy(boolean automated, boolean prune, boolean selfHeal, boolean allowEmpty) {
        this(automated, prune, selfHeal, allowEmpty, false, false, false);
    }

    public static SyncPolicy defaults() {
        return new SyncPolicy(true, false, false, false);
    }
}
