package io.lockstep.applier.rollback;

import io.lockstep.contracts.model.CommitInfo;

/**
 * A revert that reached the config repository: the commit now at the head of the branch ({@code changed} false when
 * the folder already matched the target revision, so no commit was needed) and the revision returned to.
 */
public record Revert(CommitInfo commit, String targetRevision, boolean changed) {
}
