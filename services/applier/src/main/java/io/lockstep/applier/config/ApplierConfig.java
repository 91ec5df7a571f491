package io.lockstep.applier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The applier's own settings, under {@code lockstep.applier}. */
@ConfigMapping(prefix = "lockstep.applier")
public interface ApplierConfig {
    /** The server-side apply field manager that owns the fields Lockstep sets. */
    @WithDefault("lockstep")
    String fieldManager();

    /**
     * Take over fields another manager owns instead of failing the object with a conflict. On by default, as
     * Argo CD and Flux do for their own objects; issue 5 makes this a per-application option.
     */
    @WithDefault("true")
    boolean forceConflicts();

    /** How health is polled after an apply. */
    HealthPolling health();

    /** Health polling: exponential backoff between the two bounds, until the application's health timeout. */
    interface HealthPolling {
        /** The first pause between two health checks. */
        @WithDefault("200ms")
        Duration initialInterval();

        /** The longest pause between two health checks. */
        @WithDefault("5s")
        Duration maxInterval();
    }
}
