package io.lockstep.applier.sync;

/** The clusters the applier may write to, by the name an application's {@code target.cluster} gives. */
@FunctionalInterface
public interface SyncTargets {
    /** The cluster called {@code name}; a name that is not configured fails with "unknown cluster 'name'". */
    SyncTarget forCluster(String name) throws TargetException;
}
