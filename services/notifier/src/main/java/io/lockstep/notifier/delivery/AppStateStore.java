package io.lockstep.notifier.delivery;

import io.lockstep.notifier.trigger.AppState;
import java.util.Optional;

/** What the notifier last learned of each application, kept so that triggers fire on transitions across restarts. */
public interface AppStateStore {
    Optional<AppState> load(String appId);

    void save(AppState state);
}
