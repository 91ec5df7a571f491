package io.lockstep.notifier.store;

import io.lockstep.notifier.delivery.AppStateStore;
import io.lockstep.notifier.trigger.AppState;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Application (and source) states in PostgreSQL ({@code notifier.app_state}): a batch's worth per statement. */
@ApplicationScoped
public class PostgresAppStateStore implements AppStateStore {
    private static final String LOAD = """
            SELECT app_id, health, revision, failed_revision, failed_digest, drift_revision, drift_digest
            FROM notifier.app_state WHERE app_id = ANY($1::varchar[])""";
    private static final String SAVE = """
            INSERT INTO notifier.app_state AS s (app_id, health, revision, failed_revision, failed_digest,
                                                drift_revision, drift_digest, updated_at)
            SELECT u.*, $8 FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[],
                                       $6::varchar[], $7::varchar[])
                AS u(app_id, health, revision, failed_revision, failed_digest, drift_revision, drift_digest)
            ON CONFLICT (app_id) DO UPDATE SET health = EXCLUDED.health, revision = EXCLUDED.revision,
                failed_revision = EXCLUDED.failed_revision, failed_digest = EXCLUDED.failed_digest,
                drift_revision = EXCLUDED.drift_revision, drift_digest = EXCLUDED.drift_digest,
                updated_at = EXCLUDED.updated_at""";

    private final Pool pool;

    public PostgresAppStateStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Map<String, AppState> load(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, AppState> states = new HashMap<>();
        for (Row r : pool.preparedQuery(LOAD).execute(Tuple.of(keys.toArray(String[]::new))).await().indefinitely()) {
            states.put(r.getString("app_id"), new AppState(r.getString("app_id"), r.getString("health"),
                    r.getString("revision"), r.getString("failed_revision"), r.getString("failed_digest"),
                    r.getString("drift_revision"), r.getString("drift_digest")));
        }
        return states;
    }

    @Override
    public void save(Collection<AppState> states) {
        if (states.isEmpty()) {
            return;
        }
        int n = states.size();
        String[][] columns = new String[7][n];
        int i = 0;
        for (AppState s : states) {
            columns[0][i] = s.appId();
            columns[1][i] = s.health();
            columns[2][i] = s.revision();
            columns[3][i] = s.failedRevision();
            columns[4][i] = s.failedDigest();
            columns[5][i] = s.driftRevision();
            columns[6][i] = s.driftDigest();
            i++;
        }
        Tuple args = Tuple.tuple();
        for (String[] column : columns) {
            args.addArrayOfString(column);
        }
        args.addOffsetDateTime(PostgresDeliveryLog.utc(Instant.now()));
        pool.withTransaction(sql -> sql.preparedQuery(SAVE).execute(args)).await().indefinitely();
    }
}
