package io.lockstep.applier.sync;

/**
 * What the operator lets applications ask for in their sync options: an application's {@code force},
 * {@code replace} and {@code createNamespace} take effect only where the matching switch allows it (all allowed by
 * default). A denied option is named in the result when it would have made a difference.
 */
public record SyncOptionLimits(boolean allowForce, boolean allowReplace, boolean allowCreateNamespace) {
    /** Every option an application asks for takes effect. */
    public static final SyncOptionLimits ALLOW_ALL = new SyncOptionLimits(true, true, true);
}
