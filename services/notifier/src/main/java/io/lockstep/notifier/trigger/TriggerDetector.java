package io.lockstep.notifier.trigger;

import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns Lockstep events into notices: which triggers an event fires, for which application. Pure: no I/O, no
 * configuration; an event that fires nothing gives an empty list.
 */
public final class TriggerDetector {
    /** The {@code SyncCompleted.trigger} of a sync started by a rollback. */
    public static final String ROLLBACK = "rollback";

    public List<Notice> detect(LockstepEvent event) {
        if (event instanceof SyncCompleted sync) {
            return fromSync(sync);
        }
        if (event instanceof RenderFailed render) {
            return List.of(new Notice(render.appId(), Trigger.SYNC_FAILED, render.commit().revision(), render.commit(),
                    render.app(), "render failed", null, render.file(), render.line(), render.message(), render.id(),
                    render.time()));
        }
        if (event instanceof DriftDetected drift) {
            return fromDrift(drift);
        }
        if (event instanceof SourceFailed source) {
            return fromSource(source);
        }
        return List.of();
    }

    private static List<Notice> fromSync(SyncCompleted sync) {
        if (sync.outcome() == SyncOutcome.SUPERSEDED) {
            // A newer revision took over; its own result is the one worth telling.
            return List.of();
        }
        List<Notice> notices = new ArrayList<>();
        String outcome = lower(sync.outcome());
        String health = lower(sync.health());
        boolean rollback = ROLLBACK.equalsIgnoreCase(sync.trigger());
        if (sync.outcome() == SyncOutcome.FAILED) {
            notices.add(syncNotice(sync, Trigger.SYNC_FAILED, outcome, health, failure(sync)));
        } else if (rollback) {
            notices.add(syncNotice(sync, Trigger.ROLLED_BACK, outcome, health, null));
        } else if (sync.health() == Health.HEALTHY) {
            notices.add(syncNotice(sync, Trigger.DEPLOYED, outcome, health, null));
        }
        if (sync.health() == Health.DEGRADED) {
            notices.add(syncNotice(sync, Trigger.HEALTH_DEGRADED, outcome, health, failure(sync)));
        }
        return notices;
    }

    private static Notice syncNotice(SyncCompleted sync, Trigger trigger, String outcome, String health, String error) {
        return new Notice(sync.appId(), trigger, sync.commit().revision(), sync.commit(), sync.app(), outcome, health,
                null, null, error, sync.id(), sync.time());
    }

    /** The sync's own error, else the first object that failed to sync. */
    private static String failure(SyncCompleted sync) {
        if (sync.error() != null && !sync.error().isBlank()) {
            return sync.error();
        }
        for (ObjectResult result : sync.results()) {
            if (result.code() == ResultCode.SYNC_FAILED) {
                String kindName = result.ref().kind() + " " + result.ref().name();
                return result.message() == null ? kindName + " failed to sync" : kindName + ": " + result.message();
            }
        }
        return null;
    }

    private static List<Notice> fromDrift(DriftDetected drift) {
        AppSpec app = drift.app();
        boolean detectOnly = !app.sync().automated();
        boolean unhealedLiveChange = DriftDetected.LIVE_CHANGE.equals(drift.reason()) && !app.sync().selfHeal();
        if (!detectOnly && !unhealedLiveChange) {
            // The applier converges it on its own; its SyncCompleted is what the owners hear about.
            return List.of();
        }
        long changes = drift.plan().stream().filter(c -> c.action() != null
                && c.action() != io.lockstep.contracts.model.ChangeAction.NONE).count();
        String outcome = changes + (changes == 1 ? " object differs" : " objects differ") + " (" + drift.reason() + ")";
        return List.of(new Notice(drift.appId(), Trigger.DRIFT_DETECTED, drift.commit().revision(), drift.commit(), app,
                outcome, null, null, null, null, drift.id(), drift.time()));
    }

    private static List<Notice> fromSource(SourceFailed source) {
        String revisionKey = source.commit() != null ? source.commit().revision() : "event:" + source.id();
        String error = source.field() == null ? source.message() : source.field() + ": " + source.message();
        if (source.apps().isEmpty()) {
            // No application known yet (first fetch failed): only the configured defaults can hear of it.
            return List.of(new Notice(source.appId(), Trigger.SOURCE_ERROR, revisionKey, source.commit(), null,
                    source.reason(), null, source.file(), source.line(), error, source.id(), source.time()));
        }
        List<Notice> notices = new ArrayList<>();
        for (AppSpec app : source.apps()) {
            notices.add(new Notice(source.source() + "/" + app.name(), Trigger.SOURCE_ERROR, revisionKey,
                    source.commit(), app, source.reason(), null, source.file(), source.line(), error, source.id(),
                    source.time()));
        }
        return notices;
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
