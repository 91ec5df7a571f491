package io.lockstep.notifier.delivery;

import io.lockstep.notifier.trigger.AppState;
import java.util.Collection;
import java.util.Map;

/**
 * What the notifier last learned of each application (and of each source), kept so that triggers fire on
 * transitions across restarts. Keys are {@link io.lockstep.notifier.trigger.TriggerDetector#stateKey state keys}.
 */
public interface AppStateStore {
    /** The states known for these keys; keys with nothing known are absent. */
    Map<String, AppState> load(Collection<String> keys);

    /** Saves these states in one transaction. */
    void save(Collection<AppState> states);
}
