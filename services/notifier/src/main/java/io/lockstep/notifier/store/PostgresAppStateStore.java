package io.lockstep.notifier.store;

import io.lockstep.notifier.delivery.AppStateStore;
import io.lockstep.notifier.trigger.AppState;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Application states in PostgreSQL ({@code app_state}), through Hibernate Reactive. */
@ApplicationScoped
public class PostgresAppStateStore implements AppStateStore {

    @Override
    public Optional<AppState> load(String appId) {
        AppStateRecord row = Blocking.await(
                () -> Panache.withSession(() -> AppStateRecord.<AppStateRecord>findById(appId)));
        return Optional.ofNullable(row).map(r -> new AppState(r.appId, r.health, r.revision, r.failedRevision,
                r.failedDigest, r.driftRevision, r.driftDigest));
    }

    @Override
    public void save(AppState state) {
        Blocking.await(() -> Panache.withTransaction(() -> AppStateRecord.<AppStateRecord>findById(state.appId())
                .onItem().transformToUni(found -> {
                    AppStateRecord row = found != null ? found : new AppStateRecord();
                    row.appId = state.appId();
                    row.health = state.health();
                    row.revision = state.revision();
                    row.failedRevision = state.failedRevision();
                    row.failedDigest = state.failedDigest();
                    row.driftRevision = state.driftRevision();
                    row.driftDigest = state.driftDigest();
                    row.updatedAt = Instant.now();
                    return found != null ? io.smallrye.mutiny.Uni.createFrom().item(row) : row.persist();
                })));
    }
}
