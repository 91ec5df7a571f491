package io.lockstep.contracts.events;

/** Events on {@code lockstep.commits}, produced by the repo-watcher. */
public sealed interface CommitEvent extends LockstepEvent permits CommitObserved, AppRemoved, SourceFailed, SourceRecovered {
}
