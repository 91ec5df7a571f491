package io.lockstep.differ.state;

import java.util.List;
import java.util.Optional;

/** Keeps each application's last observed desired state (PostgreSQL in production). Blocking calls. */
public interface DesiredStateStore {
    Optional<AppState> find(String appId);

    void save(AppState state, String commitObservedJson);

    void delete(String appId);

    /** The last {@code CommitObserved} (JSON) of every application, to restore the desired state after a restart. */
    List<String> commitsObserved();
}
