package io.lockstep.differ.state;

import java.util.Optional;

/** Keeps each application's last observed desired state (PostgreSQL in production). Blocking calls. */
public interface DesiredStateStore {
    Optional<AppState> find(String appId);

    void save(AppState state, String commitObservedJson);

    void delete(String appId);
}
