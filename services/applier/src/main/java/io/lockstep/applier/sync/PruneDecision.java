package io.lockstep.applier.sync;

/** Whether one planned prune may delete the live object, and if not, the reason reported for it. */
public record PruneDecision(Verdict verdict, String reason) {
    /** What to do with the object. */
    public enum Verdict {
        /** Delete it. */
        DELETE,
        /** It is already gone: nothing to delete, the prune is done. */
        ALREADY_GONE,
        /** Leave it: the reason says why. */
        SKIP
    }

    static PruneDecision delete() {
        return new PruneDecision(Verdict.DELETE, null);
    }

    static PruneDecision alreadyGone() {
        return new PruneDecision(Verdict.ALREADY_GONE, "already absent");
    }

    static PruneDecision skip(String reason) {
        return new PruneDecision(Verdict.SKIP, reason);
    }
}
