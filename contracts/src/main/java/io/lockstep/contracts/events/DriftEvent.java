package io.lockstep.contracts.events;

/** Events on {@code lockstep.drift}, produced by the differ. */
public sealed interface DriftEvent extends LockstepEvent permits DriftDetected, AppInSync, RenderFailed {
}
