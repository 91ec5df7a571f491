package io.lockstep.notifier.trigger;

/** A kind of destination a notice can be delivered to. */
public enum Channel {
    SLACK("slack"),
    EMAIL("email");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    /** The name in {@code NotificationDelivered.channel} and in the delivery log. */
    public String wireName() {
        return wireName;
    }
}
