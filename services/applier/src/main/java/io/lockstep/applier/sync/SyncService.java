package io.lockstep.applier.sync;

import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.events.SyncRequested;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.SyncOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 * application back, and one application never has two operations running at once. Also runs manual syncs (the
 * last plan again, every object applied) and resumes operations a stopped process left running.
 */
public final class SyncService {
    /** Trigger of a sync that a person asked for on the commands topic. */
    public static final String MANUAL = "manual";

    private static final Logger LOG = Logger.getLogger(SyncService.class);

    private final SyncStateMachine machine;
    private final SyncHistory history;
    private final SyncResultPublisher publisher;
    private final SyncObserver observer;
    private final AppLocks locks;
    private final Clock clock;
    private final SelfHealGuard selfHeal;
    private final AutoRevert autoRevert;

    /**
     * @param selfHeal when live changes are no longer healed (null: always healed)
     * @param autoRevert what writes the revert commit of a degraded new revision when its application asks (null:
     *        never reverted)
     */
    public SyncService(SyncStateMachine machine, SyncHistory history, SyncResultPublisher publisher,
            SyncObserver observer, AppLocks locks, Clock clock, SelfHealGuard selfHeal, AutoRevert autoRevert) {
        this.machine = machine;
        this.history = history;
        this.publisher = publisher;
        this.observer = observer;
        this.locks = locks;
        this.clock = clock;
        this.selfHeal = selfHeal;
        this.autoRevert = autoRevert;
    }

    public SyncService(SyncStateMachine machine, SyncHistory history, SyncResultPublisher publisher,
            SyncObserver observer, AppLocks locks, Clock clock, SelfHealGuard selfHeal) {
        this(machine, history, publisher, observer, locks, clock, selfHeal, null);
    }

    public SyncService(SyncStateMachine machine, SyncHistory history, SyncResultPublisher publisher,
            SyncObserver observer, AppLocks locks, Clock clock) {
        this(machine, history, publisher, observer, locks, clock, null);
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

    /**
     * Syncs an application now, whatever its automation policy: the last plan applied to it runs again as a new
     * operation (id = the command's id, trigger {@value #MANUAL}), with every desired object applied, also those
     * the plan had found unchanged (a manual sync is how people repair what changed since). An application that
     * was never synced has no plan to run: that is logged and nothing is announced (a {@code SyncCompleted} must
     * name a commit and an application spec, and there is none).
     */
    public Optional<SyncCompleted> syncNow(SyncRequested command) throws InterruptedException {
        return locks.withLock(command.appId(), () -> {
            Optional<SyncHistory.Operation> known = history.find(command.id());
            if (known.isPresent() && known.get().completed()) {
                return reannounce(known.get());
            }
            Optional<DriftDetected> last = history.lastPlan(command.appId());
            if (last.isEmpty()) {
                LOG.warnf("app %s: manual sync requested by %s, but no plan was ever applied to it; nothing to "
                        + "re-apply", command.appId(), command.requestedBy());
                return Optional.empty();
            }
            DriftDetected plan = last.get();
            List<PlannedChange> everything = plan.plan().stream()
                    .map(c -> c.action() == ChangeAction.NONE && c.desired() != null && !c.desired().isNull()
                            ? new PlannedChange(c.ref(), ChangeAction.UPDATE, c.desired(), c.diff()) : c)
                    .toList();
            LOG.infof("app %s commit %s: manual sync requested by %s", command.appId(),
                    plan.commit().shortRevision(), command.requestedBy());
            DriftDetected manual = new DriftDetected(command.id(), command.appId(), plan.commit(), plan.app(), MANUAL,
                    everything, plan.time());
            return handleLocked(manual);
        });
    }

    /**
     * Completes the operations a stopped process left running: each is run again from its recorded plan (server-side
     * apply is idempotent and the prune rules are checked again against the inventory and the live objects, so a
     * second run prunes nothing the first would not have). Returns what was announced.
     */
    public List<SyncCompleted> recoverInterrupted() throws InterruptedException {
        List<SyncCompleted> announced = new ArrayList<>();
        List<SyncHistory.Operation> pending = history.interrupted();
        while (!pending.isEmpty()) {
            List<SyncHistory.Operation> busy = new ArrayList<>();
            for (SyncHistory.Operation op : pending) {
                if (op.plan() == null) {
                    LOG.warnf("app %s commit %s: operation %s was interrupted and recorded no plan; it resumes when "
                            + "its event is redelivered", op.appId(), op.revision(), op.operationId());
                    continue;
                }
                Optional<Boolean> taken = locks.withLockIfFree(op.appId(), () -> {
                    Optional<SyncHistory.Operation> now = history.find(op.operationId());
                    if (now.isPresent() && now.get().completed()) {
                        return true; // its replica, or a redelivery of its event, completed it meanwhile
                    }
                    if (SyncHistory.ROLLBACK.equals(op.trigger())) {
                        announced.add(abandonRollback(op));
                    } else {
                        handleLocked(op.plan()).ifPresent(announced::add);
                    }
                    return true;
                });
                if (taken.isEmpty()) {
                    busy.add(op); // a live replica holds the application: its operation is not interrupted
                }
            }
            if (!busy.isEmpty()) {
                LOG.debugf("%d running operation(s) belong to live replicas; looking again when their leases may "
                        + "have expired", busy.size());
                locks.pauseForLeases();
            }
            pending = busy;
        }
        return announced;
    }

    private Optional<SyncCompleted> handleLocked(DriftDetected drift) throws InterruptedException {
        String operationId = drift.id();
        Optional<SyncHistory.Operation> known = history.find(operationId);
        if (known.isPresent() && known.get().completed()) {
            Optional<SyncCompleted> again = reannounce(known.get());
            // The process may have stopped between the sync and its revert: the revert's own id makes this safe.
            revertIfAsked(drift, known.get().result());
            return again;
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
        } else if (DriftDetected.LIVE_CHANGE.equals(drift.reason()) && selfHeal != null) {
            List<ObjectRef> healed = drift.plan().stream()
                    .filter(c -> c.action() == ChangeAction.CREATE || c.action() == ChangeAction.UPDATE)
                    .map(PlannedChange::ref).toList();
            SelfHealGuard.Decision decision = selfHeal.admit(drift.appId(), healed);
            switch (decision.verdict()) {
                case BACKING_OFF -> {
                    LOG.infof("app %s commit %s: live change not healed: %s", drift.appId(),
                            drift.commit().shortRevision(), decision.reason());
                    return Optional.empty();
                }
                case FIGHT -> {
                    return Optional.of(fight(drift, decision.reason(), summary));
                }
                case HEAL -> {
                    // go on
                }
            }
        }
        Instant startedAt = clock.instant();
        history.started(operationId, drift.appId(), drift.commit().revision(), drift.commit().author(),
                drift.reason(), summary, drift.time(), startedAt, drift);
        SyncReport report = machine.run(new SyncRequest(drift.appId(), drift.app().target().cluster(),
                drift.app().target().namespace(), effectivePolicy(drift), drift.app().health().timeout(),
                drift.app().health().http(), drift.plan(), history.inventory(drift.appId())));
        Instant finishedAt = clock.instant();
        SyncCompleted result = new SyncCompleted(EventIds.of(EventType.SYNC_COMPLETED, operationId), drift.appId(),
                operationId, drift.commit(), drift.app(), drift.reason(), report.outcome(), report.health(),
                report.results(), report.error(), startedAt, finishedAt, finishedAt);
        history.completed(result, summary, drift.time(), report.applied(), report.removed());
        LOG.infof("app %s commit %s: sync %s, health %s (%s)%s", drift.appId(), drift.commit().shortRevision(),
                result.outcome().name().toLowerCase(), result.health().name().toLowerCase(), summary,
                result.error() == null ? "" : ": " + result.error());
        observer.completed(result, report);
        Health before = last.map(SyncHistory.Applied::health).orElse(Health.UNKNOWN);
        if (before != result.health()) {
            observer.healthChanged(before, result.health());
        }
        announce(result);
        revertIfAsked(drift, result);
        return Optional.of(result);
    }

    /**
     * {@code rollback: {onFailedHealth: revert}}: a sync of a new revision (not a self-heal, a manual sync or a
     * periodic one) that ended degraded, health timeout included, has its revision reverted by a commit.
     */
    private void revertIfAsked(DriftDetected plan, SyncCompleted result) throws InterruptedException {
        if (autoRevert == null || result == null || !DriftDetected.NEW_REVISION.equals(result.trigger())
                || result.health() != Health.DEGRADED || !plan.app().rollback().revertsOnFailedHealth()) {
            return;
        }
        autoRevert.revertDegraded(plan, result);
    }

    /**
     * The policy a sync runs under. Healing a change made in the cluster takes the fields back even from another
     * field manager: on a real cluster {@code kubectl edit} owns what it edits, and an application that asked for
     * {@code selfHeal} asked for Git to win over such edits (Flux always forces ownership this way). Syncs of new
     * revisions still report conflicts unless the application asks for {@code force}.
     */
    static SyncPolicy effectivePolicy(DriftDetected drift) {
        SyncPolicy policy = drift.app().sync();
        boolean heal = policy.selfHeal() && (DriftDetected.LIVE_CHANGE.equals(drift.reason())
                || DriftDetected.PERIODIC.equals(drift.reason()));
        return heal && !policy.force() ? new SyncPolicy(policy.automated(), policy.prune(), policy.selfHeal(),
                policy.allowEmpty(), policy.createNamespace(), policy.replace(), true) : policy;
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
        String reason = "superseded: a newer plan (" + last.planTime() + ") for revision " + last.revision()
                + " was already applied";
        LOG.infof("app %s commit %s: plan of %s skipped, %s", drift.appId(), drift.commit().shortRevision(),
                drift.time(), reason);
        return nothingApplied(drift, SyncOutcome.SUPERSEDED, reason, summary);
    }

    /** Self-heal keeps undoing someone else's change: report it once and leave the object alone for a while. */
    private SyncCompleted fight(DriftDetected drift, String reason, String summary) {
        LOG.warnf("app %s commit %s: %s", drift.appId(), drift.commit().shortRevision(), reason);
        return nothingApplied(drift, SyncOutcome.FAILED, reason, summary);
    }

    private SyncCompleted nothingApplied(DriftDetected drift, SyncOutcome outcome, String reason, String summary) {
        Instant now = clock.instant();
        SyncCompleted result = new SyncCompleted(EventIds.of(EventType.SYNC_COMPLETED, drift.id()), drift.appId(),
                drift.id(), drift.commit(), drift.app(), drift.reason(), outcome, Health.UNKNOWN, List.of(), reason,
                now, now, now);
        history.started(drift.id(), drift.appId(), drift.commit().revision(), drift.commit().author(),
                drift.reason(), summary, drift.time(), now, outcome == SyncOutcome.SUPERSEDED ? null : drift);
        history.completed(result, summary, drift.time(), List.of(), List.of());
        observer.completed(result, null);
        announce(result);
        return result;
    }

    /** A rollback cannot be resumed safely (its commit may or may not have been pushed): report it instead. */
    private SyncCompleted abandonRollback(SyncHistory.Operation op) {
        DriftDetected base = op.plan();
        Instant now = clock.instant();
        SyncCompleted result = new SyncCompleted(EventIds.of(EventType.SYNC_COMPLETED, op.operationId()),
                op.appId(), op.operationId(), base.commit(), base.app(), SyncHistory.ROLLBACK, SyncOutcome.FAILED,
                Health.UNKNOWN, List.of(), "interrupted: the applier stopped during this rollback; check the config "
                        + "repository for a revert commit before asking again", now, now, now);
        LOG.warnf("app %s: rollback %s was interrupted; reported as failed", op.appId(), op.operationId());
        history.completed(result, "rollback interrupted", op.planTime(), List.of(), List.of());
        observer.rolledBack(result);
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
