package io.lockstep.repowatcher.poll;

/** How one poll of a source ended; the scheduler backs off on {@link #UNAVAILABLE}. */
public enum PollOutcome {
    /** The branch did not move (or moved to a commit already reported as invalid). */
    UNCHANGED,
    /** A new commit was announced and recorded. */
    ANNOUNCED,
    /** The new commit's {@code lockstep.yaml} is invalid; reported, nothing announced. */
    INVALID,
    /** The remote or the local clone could not be read; reported on the transition, retried with backoff. */
    UNAVAILABLE
}
