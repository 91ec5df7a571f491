package io.lockstep.contracts;

import io.lockstep.contracts.events.AppInSync;
import io.lockstep.contracts.events.AppRemoved;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.RefreshRequested;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.events.RollbackRequested;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.contracts.events.SourceRecovered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.events.SyncRequested;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The CloudEvents type of each event record, and the topic it travels on. */
public enum EventType {
    COMMIT_OBSERVED("io.lockstep.commit.observed.v1", Topics.COMMITS, CommitObserved.class),
    APP_REMOVED("io.lockstep.app.removed.v1", Topics.COMMITS, AppRemoved.class),
    SOURCE_FAILED("io.lockstep.source.failed.v1", Topics.COMMITS, SourceFailed.class),
    SOURCE_RECOVERED("io.lockstep.source.recovered.v1", Topics.COMMITS, SourceRecovered.class),
    DRIFT_DETECTED("io.lockstep.drift.detected.v1", Topics.DRIFT, DriftDetected.class),
    APP_IN_SYNC("io.lockstep.app.in-sync.v1", Topics.DRIFT, AppInSync.class),
    RENDER_FAILED("io.lockstep.render.failed.v1", Topics.DRIFT, RenderFailed.class),
    SYNC_COMPLETED("io.lockstep.sync.completed.v1", Topics.SYNC_RESULTS, SyncCompleted.class),
    NOTIFICATION_DELIVERED("io.lockstep.notification.delivered.v1", Topics.NOTIFICATIONS,
            NotificationDelivered.class),
    SYNC_REQUESTED("io.lockstep.command.sync.v1", Topics.COMMANDS, SyncRequested.class),
    REFRESH_REQUESTED("io.lockstep.command.refresh.v1", Topics.COMMANDS, RefreshRequested.class),
    ROLLBACK_REQUESTED("io.lockstep.command.rollback.v1", Topics.COMMANDS, RollbackRequested.class);

    private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

    private final String ceType;
    private final String topic;
    private final Class<? extends LockstepEvent> recordClass;

    EventType(String ceType, String topic, Class<? extends LockstepEvent> recordClass) {
        this.ceType = ceType;
        this.topic = topic;
        this.recordClass = recordClass;
    }

    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends LockstepEvent> recordClass() {
        return recordClass;
    }

    /** The schema's resource path inside this jar. */
    public String schemaResource() {
        return "schemas/" + ceType + ".json";
    }

    public static Optional<EventType> ofCeType(String ceType) {
        return Optional.ofNullable(ceType == null ? null : BY_TYPE.get(ceType));
    }

    public static EventType of(LockstepEvent event) {
        return of(event.getClass());
    }

    public static EventType of(Class<?> recordClass) {
        EventType type = BY_CLASS.get(recordClass);
        if (type == null) {
            throw new IllegalArgumentException("no event type for " + recordClass.getName());
        }
        return type;
    }
}
