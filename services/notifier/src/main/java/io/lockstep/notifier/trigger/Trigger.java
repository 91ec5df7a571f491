package io.lockstep.notifier.trigger;

import java.util.Arrays;
import java.util.Optional;

/** What a notification is about; the wire name is what {@code notify[].on} lists in {@code lockstep.yaml}. */
public enum Trigger {
    DEPLOYED("deployed", "deployed"),
    SYNC_FAILED("sync-failed", "sync failed"),
    HEALTH_DEGRADED("health-degraded", "degraded"),
    HEALTH_RECOVERED("health-recovered", "recovered"),
    DRIFT_DETECTED("drift-detected", "drifted"),
    SOURCE_ERROR("source-error", "source error"),
    ROLLED_BACK("rolled-back", "rolled back");

    private final String wireName;
    private final String phrase;

    Trigger(String wireName, String phrase) {
        this.wireName = wireName;
        this.phrase = phrase;
    }

    /** The name used in {@code notify[].on}, in events and in the delivery log. */
    public String wireName() {
        return wireName;
    }

    /** How a headline says it: "demo/web <phrase> abc1234". */
    public String phrase() {
        return phrase;
    }

    public boolean isFailure() {
        return this == SYNC_FAILED || this == HEALTH_DEGRADED || this == SOURCE_ERROR;
    }

    public static Optional<Trigger> ofWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip();
        return Arrays.stream(values()).filter(t -> t.wireName.equalsIgnoreCase(wanted)).findFirst();
    }
}
