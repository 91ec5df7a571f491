package io.lockstep.differ.state;

import java.util.List;
import java.util.Optional;

/** Keeps each application's last observed desired state (PostgreSQL in production). Blocking calls. */
public interface DesiredStateStore {
    Optional<AppState> find(String appId);

    /**
     * Records the state and the {@code CommitObserved} (JSON) it came from; when the revision changes, the commit
     * that was current becomes the previous one (as {@link AppState#next} does with the refs).
     */
    void save(AppState state, String commitObservedJson);

    /** The {@code CommitObserved} (JSON) of the application's current revision. */
    Optional<String> commitObserved(String appId);

    /** The {@code CommitObserved} (JSON) of the revision before the current one, when known. */
    Optional<String> previousCommitObserved(String appId);

    void delete(String appId);

    /** The last {@code CommitObserved} (JSON) of every application, to restore the desired state after a restart. */
    List<String> commitsObserved();
}
