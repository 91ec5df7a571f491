package io.lockstep.differ.state;

import io.lockstep.contracts.model.ObjectRef;
import java.util.List;

/**
 * The desired state last observed for an application: the revision, a digest of the rendered objects, the objects'
 * refs (what a later revision may prune), and the refs of the revision before it, so that a redelivered commit is
 * diffed against the same baseline as the first delivery.
 */
public record AppState(String appId, String revision, String digest, List<ObjectRef> refs,
        String previousRevision, List<ObjectRef> previousRefs) {
    public AppState {
        refs = List.copyOf(refs);
        previousRefs = previousRefs == null ? List.of() : List.copyOf(previousRefs);
    }

    /** The refs a commit at {@code incomingRevision} should be diffed against for prunes. */
    public List<ObjectRef> baselineFor(String incomingRevision) {
        return revision.equals(incomingRevision) ? previousRefs : refs;
    }

    /** The state after a commit at {@code newRevision} was diffed. */
    public static AppState next(AppState current, String appId, String newRevision, String digest,
            List<ObjectRef> refs) {
        if (current == null) {
            return new AppState(appId, newRevision, digest, refs, null, List.of());
        }
        if (current.revision().equals(newRevision)) {
            return new AppState(appId, newRevision, digest, refs, current.previousRevision(),
                    current.previousRefs());
        }
        return new AppState(appId, newRevision, digest, refs, current.revision(), current.refs());
    }
}
