package io.lockstep.applier.health;

import java.time.Duration;

/** Waits between two polls; tests substitute one that moves a fake clock instead of sleeping. */
@FunctionalInterface
public interface Pacer {
    void pause(Duration duration) throws InterruptedException;

    /** The real thing: parks the calling (worker) thread. */
    static Pacer sleeping() {
        return d -> Thread.sleep(d.toMillis());
    }
}
