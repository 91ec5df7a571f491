package io.lockstep.notifier.trigger;

import io.lockstep.contracts.events.AppInSync;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.contracts.events.SourceRecovered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns Lockstep events into notices: which triggers an event fires, for which application. Triggers fire on
 * transitions, given what was last known of the application ({@link AppState}): {@code health-recovered} only after a
 * degraded state, {@code health-degraded} not again while degraded at the same revision, the same failure (same
 * revision, same error) and the same drift (same revision, same object set) not twice in a row, a source's failure
 * once until it recovers (same reason, whatever the commit). Pure: no I/O, no configuration; an event that fires
 * nothing gives no notice.
 */
public final class TriggerDetector {
    /** The {@code SyncCompleted.trigger} of a sync started by a rollback. */
    public static final String ROLLBACK = "rollback";

    /**
     * What an event fires, and what the application's state becomes.
     *
     * @param next null when the event does not change what is known of an application
     */
    public record Detection(List<Notice> notices, AppState next) {
    }

    /** {@link AppState#failedRevision()} of a source that is failing ({@code failedDigest}: its reason's digest). */
    static final String SOURCE_FAILING = "source-failing";

    /** Whether what an event says about its application (or source) is kept (see {@link AppState}). */
    public static boolean tracksState(LockstepEvent event) {
        return event instanceof SyncCompleted || event instanceof RenderFailed || event instanceof DriftDetected
                || event instanceof AppInSync || event instanceof SourceFailed || event instanceof SourceRecovered;
    }

    /**
     * Whose state an event reads and writes: its application's ({@code appId}), or for source events the source's,
     * {@code source:<source id>} (source ids and application ids share no namespace otherwise).
     */
    public static String stateKey(LockstepEvent event) {
        return event instanceof SourceFailed || event instanceof SourceRecovered ? "source:" + event.appId()
                : event.appId();
    }

    /** The notices of an event, as if nothing were known of its application. */
    public List<Notice> detect(LockstepEvent event) {
        return detect(event, null).notices();
    }

    /**
     * The notices of an event given what was known of its application before it.
     *
     * @param before null when nothing is known
     */
    public Detection detect(LockstepEvent event, AppState before) {
        AppState prior = before != null ? before : AppState.unknown(stateKey(event));
        if (event instanceof SyncCompleted sync) {
            return fromSync(sync, prior);
        }
        if (event instanceof RenderFailed render) {
            String digest = digest(render.file() + ":" + render.line() + ":" + render.message());
            String revision = render.commit().revision();
            AppState next = prior.withFailure(revision, digest);
            if (prior.failedWith(revision, digest)) {
                return new Detection(List.of(), next);
            }
            return new Detection(List.of(new Notice(render.appId(), Trigger.SYNC_FAILED, revision + "#" + digest,
                    render.commit(), render.app(), "render failed", null, render.file(), render.line(),
                    render.message(), render.id(), render.time())), next);
        }
        if (event instanceof DriftDetected drift) {
            return fromDrift(drift, prior);
        }
        if (event instanceof AppInSync inSync) {
            // Converged: a later drift, even of the same objects, is news again.
            return new Detection(List.of(), prior.driftRevision() == null ? null : prior.withDrift(null, null));
        }
        if (event instanceof SourceFailed source) {
            // Told once per failure: the same reason again (any commit) is the same outage, until SourceRecovered.
            String digest = digest(source.reason());
            AppState next = prior.withFailure(SOURCE_FAILING, digest);
            return new Detection(prior.failedWith(SOURCE_FAILING, digest) ? List.of() : fromSource(source), next);
        }
        if (event instanceof SourceRecovered) {
            // Readable again: the next failure, whatever its reason, is news.
            return new Detection(List.of(), prior.failedRevision() == null ? null : prior.withFailure(null, null));
        }
        return new Detection(List.of(), null);
    }

    private static Detection fromSync(SyncCompleted sync, AppState prior) {
        if (sync.outcome() == SyncOutcome.SUPERSEDED) {
            // A newer revision took over; its own result is the one worth telling.
            return new Detection(List.of(), null);
        }
        String revision = sync.commit().revision();
        List<Notice> notices = new ArrayList<>();
        String outcome = lower(sync.outcome());
        String health = lower(sync.health());
        boolean rollback = ROLLBACK.equalsIgnoreCase(sync.trigger());
        boolean wasDegraded = Health.DEGRADED.name().equalsIgnoreCase(prior.health());
        List<Change> changes = changes(sync.results());
        AppState next = prior.withSync(sync.health() == Health.UNKNOWN ? prior.health() : health, revision);
        if (sync.outcome() == SyncOutcome.FAILED) {
            String error = failure(sync);
            String digest = digest(Objects.toString(error));
            next = next.withFailure(revision, digest);
            if (!prior.failedWith(revision, digest)) {
                notices.add(syncNotice(sync, Trigger.SYNC_FAILED, revision + "#" + digest, outcome, health, error,
                        changes));
            }
        } else {
            next = next.withFailure(null, null);
            // A sync that succeeded converged the drift last told.
            next = next.withDrift(null, null);
            if (rollback) {
                notices.add(syncNotice(sync, Trigger.ROLLED_BACK, revision, outcome, health, null, changes));
            } else if (sync.health() == Health.HEALTHY) {
                notices.add(syncNotice(sync, Trigger.DEPLOYED, revision, outcome, health, null, changes));
            }
            if (wasDegraded && sync.health() == Health.HEALTHY) {
                // Keyed by the event: a second recovery of the same commit, after a second degradation, is news.
                notices.add(syncNotice(sync, Trigger.HEALTH_RECOVERED, revision + "@" + sync.id(), outcome, health,
                        null, changes));
            }
        }
        if (sync.health() == Health.DEGRADED && !(wasDegraded && revision.equals(prior.revision()))) {
            notices.add(syncNotice(sync, Trigger.HEALTH_DEGRADED, revision + "@" + sync.id(), outcome, health,
                    failure(sync), changes));
        }
        return new Detection(notices, next);
    }

    private static Notice syncNotice(SyncCompleted sync, Trigger trigger, String revisionKey, String outcome,
            String health, String error, List<Change> changes) {
        return new Notice(sync.appId(), trigger, revisionKey, sync.commit(), sync.app(), outcome, health, null, null,
                error, sync.id(), sync.time(), changes);
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

    /** Objects the sync touched or failed on; untouched ones ({@code NONE} and synced) are left out. */
    private static List<Change> changes(List<ObjectResult> results) {
        List<Change> out = new ArrayList<>();
        for (ObjectResult result : results) {
            boolean touched = result.action() != null && result.action() != ChangeAction.NONE;
            if (!touched && result.code() != ResultCode.SYNC_FAILED) {
                continue;
            }
            String action = result.code() == ResultCode.SYNC_FAILED || result.code() == ResultCode.PRUNE_SKIPPED
                    ? lower(result.code()).replace('_', '-') : lower(result.action());
            out.add(change(result.ref(), action, result.message() == null ? "" : result.message()));
        }
        return out;
    }

    private static Change change(ObjectRef ref, String action, String diff) {
        return new Change(action, ref.kind(), ref.namespace(), ref.name(), diff);
    }

    private static Detection fromDrift(DriftDetected drift, AppState prior) {
        AppSpec app = drift.app();
        String revision = drift.commit().revision();
        List<PlannedChange> changed = drift.plan().stream()
                .filter(c -> c.action() != null && c.action() != ChangeAction.NONE).toList();
        String digest = digest(changed.stream().map(c -> lower(c.action()) + " " + c.ref().key()).sorted()
                .reduce("", (a, b) -> a + "\n" + b));
        AppState next = prior.withDrift(revision, digest);
        boolean detectOnly = app.sync() == null || !app.sync().automated();
        boolean unhealedLiveChange = DriftDetected.LIVE_CHANGE.equals(drift.reason())
                && (app.sync() == null || !app.sync().selfHeal());
        if (!detectOnly && !unhealedLiveChange || prior.driftedWith(revision, digest)) {
            // Healed by the applier (its SyncCompleted is what owners hear about), or the same drift told already.
            return new Detection(List.of(), next);
        }
        long count = changed.size();
        String outcome = count + (count == 1 ? " object differs" : " objects differ") + ": " + drift.reason();
        List<Change> changes = changed.stream().map(c -> change(c.ref(), lower(c.action()), c.diff())).toList();
        return new Detection(List.of(new Notice(drift.appId(), Trigger.DRIFT_DETECTED, revision + "~" + digest,
                drift.commit(), app, outcome, null, null, null, null, drift.id(), drift.time(), changes)), next);
    }

    private static List<Notice> fromSource(SourceFailed source) {
        // The failure's first event names it: its redelivery finds the same key, a later outage gets its own.
        String revisionKey = (source.commit() != null ? source.commit().revision() : "no-commit") + "!" + source.id();
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

    /** 16 hex digits of SHA-256: tells two errors or two object sets apart, short enough for a key. */
    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
