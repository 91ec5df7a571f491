package io.lockstep.differ.reconcile;

/**
 * Which applications this replica acts for between commits (live changes, periodic re-diffs): with several differ
 * replicas, each application is owned by exactly one, so its drift is reported once.
 */
public interface AppOwnership {
    boolean owns(String appId);

    /** Fired (as a CDI event) when the applications this replica owns may have changed. */
    record Changed() {
    }
}
