package io.lockstep.applier.rollback;

import io.lockstep.applier.sync.AppLocks;
import io.lockstep.applier.sync.AutoRevert;
import io.lockstep.applier.sync.SyncHistory;
import io.lockstep.applier.sync.SyncObserver;
import io.lockstep.applier.sync.SyncResultPublisher;
import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.RollbackRequested;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.SyncOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Rolls an application back the GitOps way: it writes a revert commit to the config repository and lets the normal
 * flow (watcher, differ, applier) apply it, so Git stays the truth and the rollback is itself reviewable history.
 * The operation (id = the command's id, trigger {@value SyncHistory#ROLLBACK}) is recorded and announced as a
 * {@code SyncCompleted} once the commit is pushed (outcome succeeded, health unknown, no per-object results: the
 * objects change in the sync of the revert commit) or when it could not be written (outcome failed, with the
 * reason). A redelivered command is recognised by its id and writes nothing twice. Also writes the automatic revert
 * of a degraded revision an application asks for ({@link #revertDegraded}).
 */
public final class RollbackService implements AutoRevert {
    private static final Logger LOG = Logger.getLogger(RollbackService.class);
    /** Who asks for an automatic revert: named in the commit message and the history. */
    static final String AUTOMATIC = "Lockstep (automatic)";

    private final SyncHistory history;
    private final ConfigRepo repo;
    private final SyncResultPublisher publisher;
    private final SyncObserver observer;
    private final AppLocks locks;
    private final Clock clock;

    public RollbackService(SyncHistory history, ConfigRepo repo, SyncResultPublisher publisher, SyncObserver observer,
            AppLocks locks, Clock clock) {
        this.history = history;
        this.repo = repo;
        this.publisher = publisher;
        this.observer = observer;
        this.locks = locks;
        this.clock = clock;
    }

    /** The source id of an application: the part of its id before '/'. */
    static String source(String appId) {
        int slash = appId.indexOf('/');
        return slash < 0 ? appId : appId.substring(0, slash);
    }

    public Optional<SyncCompleted> handle(RollbackRequested command) throws InterruptedException {
        return locks.withLock(command.appId(), () -> handleLocked(command));
    }

    private Optional<SyncCompleted> handleLocked(RollbackRequested command) throws InterruptedException {
        Optional<SyncHistory.Operation> known = history.find(command.id());
        if (known.isPresent() && known.get().completed()) {
            return reannounce(known.get());
        }
        Optional<DriftDetected> last = history.lastPlan(command.appId());
        if (last.isEmpty()) {
            // A SyncCompleted must name a commit and an application spec; an application never synced has neither.
            LOG.warnf("app %s: rollback requested by %s, but nothing was ever applied to it; nothing to roll back",
                    command.appId(), command.requestedBy());
            return Optional.empty();
        }
        DriftDetected base = last.get();
        String target = command.toRevision() == null || command.toRevision().isBlank() ? null
                : command.toRevision().strip();
        String summary = target == null ? "revert " + base.commit().shortRevision() : "revert to " + target;
        return Optional.of(revert(command.id(), base, new RevertRequest(source(command.appId()), base.app().name(),
                base.app().path(), base.commit().revision(), target, command.requestedBy(), command.reason()),
                command.requestedBy(), summary, command.time()));
    }

    /** The operation id of the automatic revert of one revision: the same for every replay of its plan. */
    public static String autoRevertId(String appId, String revision) {
        return EventIds.of(EventType.ROLLBACK_REQUESTED, appId, revision, "on-failed-health");
    }

    /**
     * {@code rollback: {onFailedHealth: revert}}: writes a revert commit of the degraded revision, at most once per
     * revision (the operation id is derived from application and revision, and recorded), never of a revision that
     * is itself Lockstep's revert (no ping-pong), and only while the degraded revision is still the newest applied
     * to the application and its folder was not changed since (a fix on its way must not be undone).
     */
    @Override
    public Optional<SyncCompleted> revertDegraded(DriftDetected plan, SyncCompleted degraded)
            throws InterruptedException {
        return locks.withLock(plan.appId(), () -> {
            String id = autoRevertId(plan.appId(), plan.commit().revision());
            Optional<SyncHistory.Operation> known = history.find(id);
            if (known.isPresent() && known.get().completed()) {
                return reannounce(known.get());
            }
            if (history.isLockstepRevert(plan.appId(), plan.commit().revision())) {
                LOG.warnf("app %s commit %s: health degraded, not reverted: this revision is itself a revert written "
                        + "by Lockstep; people must decide", plan.appId(), plan.commit().shortRevision());
                return Optional.empty();
            }
            Optional<DriftDetected> last = history.lastPlan(plan.appId());
            if (last.isPresent() && !last.get().commit().revision().equals(plan.commit().revision())) {
                LOG.infof("app %s commit %s: health degraded, not reverted: revision %s was applied since",
                        plan.appId(), plan.commit().shortRevision(), last.get().commit().shortRevision());
                return Optional.empty();
            }
            String reason = "automatic, health degraded at revision " + plan.commit().shortRevision()
                    + (degraded.error() == null ? "" : ": " + firstLine(degraded.error()));
            LOG.infof("app %s commit %s: health degraded, the application asks for a revert", plan.appId(),
                    plan.commit().shortRevision());
            return Optional.of(revert(id, plan, new RevertRequest(source(plan.appId()), plan.app().name(),
                    plan.app().path(), plan.commit().revision(), null, AUTOMATIC, reason, true), AUTOMATIC,
                    "automatic revert of " + plan.commit().shortRevision(), degraded.finishedAt()));
        });
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }

    private Optional<SyncCompleted> reannounce(SyncHistory.Operation op) {
        if (op.announced()) {
            return Optional.empty();
        }
        announce(op.result());
        return Optional.of(op.result());
    }

    /** Writes the revert commit, records the operation and announces it (succeeded, superseded or failed). */
    private SyncCompleted revert(String id, DriftDetected base, RevertRequest request, String requestedBy,
            String summary, Instant time) throws InterruptedException {
        String appId = base.appId();
        Instant startedAt = clock.instant();
        history.started(id, appId, base.commit().revision(), requestedBy, SyncHistory.ROLLBACK, summary, time,
                startedAt, base);
        SyncCompleted result;
        try {
            Revert revert = repo.revert(request);
            Instant finishedAt = clock.instant();
            String note = revert.changed() ? null : "nothing to revert: " + base.app().path() + " already matches "
                    + revert.targetRevision();
            result = new SyncCompleted(EventIds.of(EventType.SYNC_COMPLETED, id), appId, id, revert.commit(),
                    base.app(), SyncHistory.ROLLBACK, SyncOutcome.SUCCEEDED, Health.UNKNOWN, List.of(), note,
                    startedAt, finishedAt, finishedAt);
            LOG.infof("app %s commit %s: rollback (%s) pushed as %s (back to %s)", appId,
                    base.commit().shortRevision(), requestedBy, revert.commit().shortRevision(),
                    revert.targetRevision());
        } catch (RollbackException e) {
            Instant finishedAt = clock.instant();
            SyncOutcome outcome = e instanceof RevertSupersededException ? SyncOutcome.SUPERSEDED : SyncOutcome.FAILED;
            result = new SyncCompleted(EventIds.of(EventType.SYNC_COMPLETED, id), appId, id, base.commit(),
                    base.app(), SyncHistory.ROLLBACK, outcome, Health.UNKNOWN, List.of(), e.getMessage(), startedAt,
                    finishedAt, finishedAt);
            LOG.warnf("app %s commit %s: rollback (%s) %s: %s", appId, base.commit().shortRevision(), requestedBy,
                    outcome == SyncOutcome.SUPERSEDED ? "not written" : "failed", e.getMessage());
        }
        history.completed(result, summary, time, List.of(), List.of());
        observer.rolledBack(result);
        announce(result);
        return result;
    }

    private void announce(SyncCompleted result) {
        publisher.publish(result);
        history.announced(result.operationId());
    }
}
