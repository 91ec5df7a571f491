package io.lockstep.differ.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.serde.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link DesiredStateStore} on PostgreSQL through Hibernate Reactive, awaited from the blocking diff worker. */
@ApplicationScoped
public class PanacheDesiredStateStore implements DesiredStateStore {
    private static final TypeReference<List<ObjectRef>> REFS = new TypeReference<>() {
    };

    @Override
    public Optional<AppState> find(String appId) {
        AppStateEntity row = await(() -> Panache.withSession(() -> AppStateEntity.<AppStateEntity>findById(appId)));
        return Optional.ofNullable(row).map(r -> new AppState(r.appId, r.revision, r.digest, readRefs(r.desiredRefs),
                r.previousRevision, readRefs(r.previousRefs)));
    }

    @Override
    public void save(AppState state, String commitObservedJson) {
        await(() -> Panache.withTransaction(() -> AppStateEntity.<AppStateEntity>findById(state.appId())
                .flatMap(existing -> {
                    AppStateEntity row = existing == null ? new AppStateEntity() : existing;
                    if (existing != null && !existing.revision.equals(state.revision())) {
                        row.previousCommitObserved = existing.commitObserved;
                    }
                    row.appId = state.appId();
                    row.revision = state.revision();
                    row.digest = state.digest();
                    row.desiredRefs = writeRefs(state.refs());
                    row.previousRevision = state.previousRevision();
                    row.previousRefs = writeRefs(state.previousRefs());
                    row.commitObserved = commitObservedJson;
                    row.updatedAt = Instant.now();
                    return existing == null ? row.persist().replaceWithVoid() : Uni.createFrom().voidItem();
                })));
    }

    @Override
    public Optional<String> commitObserved(String appId) {
        return Optional.ofNullable(await(() -> Panache.withSession(
                () -> AppStateEntity.<AppStateEntity>findById(appId))))
                .map(row -> row.commitObserved);
    }

    @Override
    public Optional<String> previousCommitObserved(String appId) {
        return Optional.ofNullable(await(() -> Panache.withSession(
                () -> AppStateEntity.<AppStateEntity>findById(appId))))
                .map(row -> row.previousCommitObserved);
    }

    @Override
    public void delete(String appId) {
        await(() -> Panache.withTransaction(() -> AppStateEntity.deleteById(appId)));
    }

    @Override
    public List<String> commitsObserved() {
        List<AppStateEntity> rows = await(() -> Panache.withSession(
                () -> AppStateEntity.<AppStateEntity>find("commitObserved is not null order by appId").list()));
        return rows.stream().map(row -> row.commitObserved).toList();
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("PostgreSQL call failed: " + e.getMessage(), e);
        }
    }

    private static List<ObjectRef> readRefs(String json) {
        try {
            return json == null ? List.of() : EventCodec.mapper().readValue(json, REFS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("corrupt desired_refs column: " + e.getOriginalMessage(), e);
        }
    }

    private static String writeRefs(List<ObjectRef> refs) {
        try {
            return EventCodec.mapper().writeValueAsString(refs);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
