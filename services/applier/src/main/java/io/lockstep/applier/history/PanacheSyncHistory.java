package io.lockstep.applier.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lockstep.applier.sync.SyncHistory;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.serde.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The sync history and inventory in PostgreSQL, through Hibernate Reactive, called from worker threads. */
@ApplicationScoped
public class PanacheSyncHistory implements SyncHistory {

    @Override
    public Optional<Operation> find(String operationId) {
        SyncOperationEntity e = read(() -> SyncOperationEntity.<SyncOperationEntity>findById(operationId));
        return Optional.ofNullable(e).map(PanacheSyncHistory::operation);
    }

    private static Operation operation(SyncOperationEntity e) {
        SyncCompleted result = e.resultEvent == null ? null
                : EventCodec.decode(SyncCompleted.class, e.resultEvent.getBytes(StandardCharsets.UTF_8));
        return new Operation(e.operationId, e.appId, e.revision, e.planTime, e.trigger,
                SyncOperationEntity.COMPLETED.equals(e.status), e.announced, result, plan(e));
    }

    private static DriftDetected plan(SyncOperationEntity e) {
        return e.planEvent == null ? null
                : EventCodec.decode(DriftDetected.class, e.planEvent.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<DriftDetected> lastPlan(String appId) {
        SyncOperationEntity e = read(() -> SyncOperationEntity.<SyncOperationEntity>find(
                "appId = ?1 and status = ?2 and outcome <> 'superseded' and trigger <> ?3 and planEvent is not null "
                        + "order by planTime desc, startedAt desc", appId, SyncOperationEntity.COMPLETED, ROLLBACK)
                .firstResult());
        return Optional.ofNullable(e).map(PanacheSyncHistory::plan);
    }

    @Override
    public boolean isLockstepRevert(String appId, String revision) {
        Long found = read(() -> SyncOperationEntity.count("appId = ?1 and trigger = ?2 and outcome = 'succeeded' "
                + "and resultRevision = ?3", appId, ROLLBACK, revision));
        return found != null && found > 0;
    }

    @Override
    public List<Operation> interrupted() {
        List<SyncOperationEntity> running = read(() -> SyncOperationEntity.<SyncOperationEntity>list(
                "status = ?1 order by startedAt", SyncOperationEntity.RUNNING));
        return running.stream().map(PanacheSyncHistory::operation).toList();
    }

    @Override
    public Optional<Applied> lastApplied(String appId, String exceptOperationId) {
        SyncOperationEntity e = read(() -> SyncOperationEntity.<SyncOperationEntity>find(
                "appId = ?1 and status = ?2 and outcome <> 'superseded' and trigger <> ?4 and operationId <> ?3 "
                        + "order by planTime desc, startedAt desc", appId, SyncOperationEntity.COMPLETED,
                exceptOperationId, ROLLBACK).firstResult());
        return Optional.ofNullable(e).map(op -> new Applied(op.operationId, op.revision, op.planTime,
                op.health == null ? Health.UNKNOWN : Health.valueOf(op.health.toUpperCase(java.util.Locale.ROOT))));
    }

    @Override
    public void started(String operationId, String appId, String revision, String author, String trigger,
            String planSummary, Instant planTime, Instant startedAt, DriftDetected plan) {
        String planEvent = plan == null ? null : new String(EventCodec.encode(plan), StandardCharsets.UTF_8);
        write(() -> SyncOperationEntity.<SyncOperationEntity>findById(operationId).chain(found -> {
            SyncOperationEntity e = found == null ? new SyncOperationEntity() : found;
            e.operationId = operationId;
            e.appId = appId;
            e.revision = revision;
            e.author = author;
            e.trigger = trigger;
            e.planSummary = planSummary;
            e.planTime = planTime;
            e.status = SyncOperationEntity.RUNNING;
            e.startedAt = startedAt;
            e.planEvent = planEvent;
            return found == null ? e.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        }));
    }

    @Override
    public void completed(SyncCompleted result, String planSummary, Instant planTime, List<ObjectRef> applied,
            List<ObjectRef> removed) {
        String results = json(result.results());
        String event = new String(EventCodec.encode(result), StandardCharsets.UTF_8);
        write(() -> {
            Uni<Void> chain = SyncOperationEntity.<SyncOperationEntity>findById(result.operationId()).chain(e -> {
                e.status = SyncOperationEntity.COMPLETED;
                e.outcome = result.outcome().name().toLowerCase();
                e.health = result.health().name().toLowerCase();
                e.results = results;
                e.error = result.error();
                e.finishedAt = result.finishedAt();
                e.resultEvent = event;
                e.resultRevision = result.commit().revision();
                return Uni.createFrom().voidItem();
            });
            // One session does one thing at a time: the inventory writes are chained, not joined.
            for (ObjectRef ref : applied) {
                chain = chain.chain(() -> upsertInventory(result, ref));
            }
            for (ObjectRef ref : removed) {
                chain = chain.chain(() -> InventoryEntryEntity
                        .deleteById(InventoryEntryEntity.id(result.appId(), ref.key())).replaceWithVoid());
            }
            return chain;
        });
    }

    private static Uni<Void> upsertInventory(SyncCompleted result, ObjectRef ref) {
        String id = InventoryEntryEntity.id(result.appId(), ref.key());
        return InventoryEntryEntity.<InventoryEntryEntity>findById(id).chain(found -> {
            InventoryEntryEntity e = found == null ? new InventoryEntryEntity() : found;
            e.id = id;
            e.appId = result.appId();
            e.refKey = ref.key();
            e.apiVersion = ref.apiVersion();
            e.kind = ref.kind();
            e.namespace = ref.namespace();
            e.name = ref.name();
            e.operationId = result.operationId();
            e.appliedAt = result.finishedAt();
            return found == null ? e.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    @Override
    public void announced(String operationId) {
        write(() -> SyncOperationEntity.<SyncOperationEntity>findById(operationId).invoke(e -> {
            if (e != null) {
                e.announced = true;
            }
        }).replaceWithVoid());
    }

    @Override
    public Set<String> inventory(String appId) {
        List<InventoryEntryEntity> entries = read(
                () -> InventoryEntryEntity.<InventoryEntryEntity>list("appId", appId));
        return entries.stream().map(e -> e.refKey).collect(Collectors.toUnmodifiableSet());
    }

    private static <T> T read(Supplier<Uni<T>> work) {
        return await(() -> Panache.withSession(work::get));
    }

    private static <T> T write(Supplier<Uni<T>> work) {
        return await(() -> Panache.withTransaction(work::get));
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sync history unavailable: " + t.getMessage(), t);
        }
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode sync results", e);
        }
    }
}
