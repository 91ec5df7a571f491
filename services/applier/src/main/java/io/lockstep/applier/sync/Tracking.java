package io.lockstep.applier.sync;

import com.fasterxml.jackson.databind.JsonNode;

/** How Lockstep marks the objects it manages (the differ sets the annotation on every rendered object). */
public final class Tracking {
    /** Annotation naming the application that owns an object; prune trusts nothing without it. */
    public static final String APP_ANNOTATION = "lockstep.io/app";

    private Tracking() {
    }

    /** The owning application named by a live object's tracking annotation, or null when it has none. */
    public static String owner(JsonNode live) {
        if (live == null) {
            return null;
        }
        JsonNode value = live.path("metadata").path("annotations").path(APP_ANNOTATION);
        return value.isTextual() ? value.asText() : null;
    }
}
