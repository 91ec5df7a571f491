package io.lockstep.applier.rollback;

import io.lockstep.applier.sync.AppLocks;
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
 * reason). A redelivered command is recognised by its id and writes nothing twice.
 */
public final class RollbackService {
    private static final Logger LOG = Logger.getLogger(RollbackService.class);

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
            if (!known.get().announced()) {
                announce(known.get().result());
                return Optional.of(known.get().result());
            }
            return Optional.empty();
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
        Instant startedAt = clock.instant();
        history.started(command.id(), command.appId(), base.commit().revision(), command.requestedBy(),
                SyncHistory.ROLLBACK, summary, command.time(), startedAt, base);
        SyncCompleted result;
        try {
            Revert revert = repo.revert(new RevertRequest(source(command.appId()), base.app().name(),
                    base.app().path(), base.commit().revision(), target, command.requestedBy(), command.reason()));
            Instant finishedAt = clock.instant();
            String note = revert.changed() ? null : "nothing to revert: " + base.app().path() + " already matches "
                    + revert.targetRevision();
            result = new SyncCompleted(EventIds.of(EventType.SYNC_COMPLETED, command.id()), command.appId(),
                    command.id(), revert.commit(), base.app(), SyncHistory.ROLLBACK, SyncOutcome.SUCCEEDED,
                    Health.UNKNOWN, List.of(), note, startedAt, finishedAt, finishedAt);
            LOG.infof("app %s commit %s: rollback requested by %s pushed as %s (back to %s)", command.appId(),
                    base.commit().shortRevision(), command.requestedBy(), revert.commit().shortRevision(),
                    revert.targetRevision());
        } catch (RollbackException e) {
            Instant finishedAt = clock.instant();
            result = new SyncCompleted(EventIds.of(EventType.SYNC_COMPLETED, command.id()), command.appId(),
                    command.id(), base.commit(), base.app(), SyncHistory.ROLLBACK, SyncOutcome.FAILED,
                    Health.UNKNOWN, List.of(), e.getMessage(), startedAt, finishedAt, finishedAt);
            LOG.warnf("app %s commit %s: rollback requested by %s failed: %s", command.appId(),
                    base.commit().shortRevision(), command.requestedBy(), e.getMessage());
        }
        history.completed(result, summary, command.time(), List.of(), List.of());
        observer.rolledBack(result);
        announce(result);
        return Optional.of(result);
    }

    private void announce(SyncCompleted result) {
        publisher.publish(result);
        history.announced(result.operationId());
    }
}
