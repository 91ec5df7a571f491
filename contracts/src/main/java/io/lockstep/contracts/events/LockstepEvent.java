package io.lockstep.contracts.events;

import java.time.Instant;

/**
 * Every event Lockstep puts on Kafka. {@link #id()} is deterministic (the same fact always gets the same id, so a
 * redelivery is recognisable) and {@link #appId()} is the Kafka key, so all events of one application share a
 * partition.
 */
public sealed interface LockstepEvent permits CommitEvent, DriftEvent, SyncEvent, NotificationEvent, Command {
    String id();

    String appId();

    Instant time();
}
