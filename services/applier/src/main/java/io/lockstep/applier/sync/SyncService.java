package io.lockstep.applier.sync;

import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.SyncOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs one sync operation per {@link DriftDetected}, exactly once in effect: the operation id is the drift event's
 * id, so a redelivered plan is recognised (and only re-announced if its announcement never reached the broker), a
 * plan older than the one last applied for another revision is reported as superseded instead of rolling the
 * application back, and one application never has two operations running at once.
 */
public final class SyncService {
    private static final Logger LOG = Logger.getLogger(SyncService.class);

    private final SyncStateMachine machine;
    private final SyncHistory history;
    private final SyncResultPublisher publisher;
    private final SyncObserver observer;
    private final AppLocks locks;
    private final Clock clock;

    public SyncService(SyncStateMachine machine, SyncHistory history, SyncResultPublisher publisher,
            SyncObserver observer, AppLocks locks, Clock clock) {
        this.machine = machine;
        this.history = history;
        this.publisher = publisher;
        this.observer = observer;
        this.locks = locks;
        this.clock = clock;
    }

    /** Handles a drift; returns the announced result, or empty when there was nothing (new) to announce. */
    public Optional<SyncCompleted> handle(DriftDetected drift) throws InterruptedException {
        if (!SyncTrigger.shouldSync(drift)) {
            LOG.debugf("app %s commit %s: %s drift not synced (automated=%s, selfHeal=%s)", drift.appId(),
                    drift.commit().shortRevision(), drift.reason(), drift.app().sync().automated(),
                    drift.app().sync().selfHeal());
            return Optional.empty();
        }
        return locks.withLock(drift.appId(), () -> handleLocked(drift));
    }

    private Optional<SyncCompleted> handleLocked(DriftDetected drift) throws InterruptedException {
        String operationId = drift.id();
        Optional<SyncHistory.Operation> known = history.find(operationId);
        if (known.isPresent() && known.get().completed()) {
            return reannounce(known.get());
        }
        String summary = summary(drift.plan());
        Optional<SyncHistory.Applied> last = history.lastApplied(drift.appId(), operationId);
        if (last.isPresent() && drift.time().isBefore(last.get().planTime())
                && !last.get().revision().equals(drift.commit().revision())) {
            return Optional.of(supersede(drift, last.get(), summary));
        }
        if (known.isPresent()) {
            LOG.infof("app %s commit %s: resuming operation %s, interrupted before it completed", drift.appId(),
                    drift.commit().shortRevision(), operationId);
        }
        Instant startedAt = clock.instant();
        history.started(operationId, drift.appId(), drift.commit().revision(), drift.commit().author(),
                drift.reason(), summary, drift.time(), startedAt);
        SyncReport report = machine.run(new SyncRequest(drift.appId(), drift.app().sync(),
                drift.app().health().timeout(), drift.plan(), history.inventory(drift.appId())));
        Instant finishedAt = clock.instant();
        SyncCompleted result = new SyncCompleted(EventIds.of(EventType.SYNC_COMPLETED, operationId), drift.appId(),
                operationId, drift.commit(), drift.app(), drift.reason(), report.outcome(), report.health(),
                report.results(), report.error(), startedAt, finishedAt, finishedAt);
        history.completed(result, summary, drift.time(), report.applied(), report.removed());
        LOG.infof("app %s commit %s: sync %s, health %s (%s)%s", drift.appId(), drift.commit().shortRevision(),
                result.outcome().name().toLowerCase(), result.health().name().toLowerCase(), summary,
                result.error() == null ? "" : ": " + result.error());
        observer.completed(result, report);
        announce(result);
        return Optional.of(result);
    }

    private Optional<SyncCompleted> reannounce(SyncHistory.Operation op) {
        if (op.announced()) {
            LOG.debugf("app %s commit %s: operation %s already completed and announced; replay ignored",
                    op.appId(), op.revision(), op.operationId());
            return Optional.empty();
        }
        // Completed, but the announcement never reached the broker (the process stopped in between): send it now.
        announce(op.result());
        return Optional.of(op.result());
    }

    private SyncCompleted supersede(DriftDetected drift, SyncHistory.Applied last, String summary) {
        Instant now = clock.instant();
        String reason = "superseded: a newer plan (" + last.planTime() + ") for revision " + last.revision()
                + " was already applied";
        SyncCompleted result = new SyncCompleted(EventIds.of(EventType.SYNC_COMPLETED, drift.id()), drift.appId(),
                drift.id(), drift.commit(), drift.app(), drift.reason(), SyncOutcome.SUPERSEDED, Health.UNKNOWN,
                List.of(), reason, now, now, now);
        history.started(drift.id(), drift.appId(), drift.commit().revision(), drift.commit().author(),
                drift.reason(), summary, drift.time(), now);
        history.completed(result, summary, drift.time(), List.of(), List.of());
        LOG.infof("app %s commit %s: plan of %s skipped, %s", drift.appId(), drift.commit().shortRevision(),
                drift.time(), reason);
        observer.completed(result, null);
        announce(result);
        return result;
    }

    private void announce(SyncCompleted result) {
        publisher.publish(result);
        history.announced(result.operationId());
    }

    /** A one-line plan summary for history and logs, e.g. {@code 1 create, 1 update, 2 none}. */
    static String summary(List<PlannedChange> plan) {
        Map<ChangeAction, Long> counts = new EnumMap<>(ChangeAction.class);
        for (PlannedChange change : plan) {
            counts.merge(change.action(), 1L, Long::sum);
        }
        if (counts.isEmpty()) {
            return "empty plan";
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase())
                .collect(Collectors.joining(", "));
    }
}
