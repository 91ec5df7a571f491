package io.lockstep.repowatcher.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.repowatcher.poll.SourceState;
import io.lockstep.repowatcher.poll.SourceStateStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Source state in PostgreSQL through Hibernate Reactive. Called from the poll threads (never the event loop), so it
 * waits for each transaction.
 */
@ApplicationScoped
public class PanacheSourceStateStore implements SourceStateStore {
    private static final TypeReference<List<AppSpec>> APPS = new TypeReference<>() {
    };

    @Override
    public Optional<SourceState> load(String sourceId) {
        SourceStateEntity row = await(() -> Panache.withSession(() -> SourceStateEntity.<SourceStateEntity>findById(sourceId)));
        return Optional.ofNullable(row).map(r -> new SourceState(r.sourceId, r.revision, readApps(r.apps),
                r.failureKey, r.failedRevision, r.failures));
    }

    @Override
    public void save(SourceState state) {
        String apps = writeApps(state.apps());
        await(() -> Panache.withTransaction(() -> SourceStateEntity.<SourceStateEntity>findById(state.sourceId())
                .onItem().transformToUni(found -> {
                    SourceStateEntity row = found != null ? found : new SourceStateEntity();
                    row.sourceId = state.sourceId();
                    row.revision = state.revision();
                    row.apps = apps;
                    row.failureKey = state.failureKey();
                    row.failedRevision = state.failedRevision();
                    row.failures = state.failures();
                    row.updatedAt = Instant.now();
                    return found != null ? Uni.createFrom().item(row) : row.<SourceStateEntity>persist();
                })));
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException("source state store: " + e.getMessage(), e);
        }
    }

    private static List<AppSpec> readApps(String json) {
        try {
            return json == null ? List.of() : EventCodec.mapper().readValue(json, APPS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable applications in source_state: " + e.getOriginalMessage(), e);
        }
    }

    private static String writeApps(List<AppSpec> apps) {
        try {
            return EventCodec.mapper().writeValueAsString(apps);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store applications: " + e.getOriginalMessage(), e);
        }
    }
}
