package io.lockstep.differ.render;

/** The marks Lockstep puts on every object it manages, so that prune and live watches can recognise them. */
public final class Tracking {
    /** Annotation naming the owning application id; prune requires it to match. */
    public static final String APP_ANNOTATION = "lockstep.io/app";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "lockstep";

    private Tracking() {
    }
}
