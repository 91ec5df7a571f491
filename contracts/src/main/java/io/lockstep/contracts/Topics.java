package io.lockstep.contracts;

import java.util.List;

/** Kafka topic names. Every event on them is keyed by the application id. */
public final class Topics {
    public static final String COMMITS = "lockstep.commits";
    public static final String DRIFT = "lockstep.drift";
    public static final String SYNC_RESULTS = "lockstep.sync-results";
    public static final String NOTIFICATIONS = "lockstep.notifications";
    public static final String COMMANDS = "lockstep.commands";

    public static final String DLQ_REPO_WATCHER = deadLetter("repo-watcher");
    public static final String DLQ_DIFFER = deadLetter("differ");
    public static final String DLQ_APPLIER = deadLetter("applier");
    public static final String DLQ_NOTIFIER = deadLetter("notifier");

    /** Every topic Lockstep uses, dead-letter topics included. */
    public static final List<String> ALL = List.of(COMMITS, DRIFT, SYNC_RESULTS, NOTIFICATIONS, COMMANDS,
            DLQ_REPO_WATCHER, DLQ_DIFFER, DLQ_APPLIER, DLQ_NOTIFIER);

    private Topics() {
    }

    /** The dead-letter topic of one consuming service. */
    public static String deadLetter(String service) {
        return "lockstep.dlq." + service;
    }
}
