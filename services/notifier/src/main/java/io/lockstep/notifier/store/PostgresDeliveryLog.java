package io.lockstep.notifier.store;

import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.notifier.delivery.DeliveryLog;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The delivery log in PostgreSQL ({@code notifier.delivery}), a batch per statement: the claims of a whole batch of
 * Kafka records are one {@code INSERT ... ON CONFLICT} over arrays, their results one {@code UPDATE ... FROM unnest}.
 * Called from the notifier's worker threads (never the event loop), which wait for the answer.
 */
@ApplicationScoped
public class PostgresDeliveryLog implements DeliveryLog {
    private static final String CLAIM = """
            INSERT INTO notifier.delivery AS d (id, app_id, revision_key, revision, trigger_name, channel, destination,
                                               status, created_at)
            SELECT u.id, u.app_id, u.revision_key, u.revision, u.trigger_name, u.channel, u.destination, 'pending', $8
            FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
                        $7::varchar[]) AS u(id, app_id, revision_key, revision, trigger_name, channel, destination)
            ON CONFLICT (id) DO UPDATE SET
                suppressed_count = d.suppressed_count + CASE WHEN d.status = 'pending' THEN 0 ELSE 1 END,
                last_suppressed_at = CASE WHEN d.status = 'pending' THEN d.last_suppressed_at
                                          ELSE EXCLUDED.created_at END
            RETURNING d.id, d.status, d.attempts""";
    private static final String COMPLETE = """
            UPDATE notifier.delivery AS d
            SET status = u.status, attempts = u.attempts, last_error = u.last_error, completed_at = $5
            FROM unnest($1::varchar[], $2::varchar[], $3::int[], $4::text[]) AS u(id, status, attempts, last_error)
            WHERE d.id = u.id""";
    private static final String REPEATS = """
            UPDATE notifier.delivery AS d
            SET suppressed_count = d.suppressed_count + u.repeats, last_suppressed_at = $3
            FROM unnest($1::varchar[], $2::int[]) AS u(id, repeats)
            WHERE d.id = u.id""";

    private final Pool pool;

    public PostgresDeliveryLog(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Map<String, Claim> claim(Collection<Claimed> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return Map.of();
        }
        int n = deliveries.size();
        String[][] columns = new String[7][n];
        int i = 0;
        for (Claimed claimed : deliveries) {
            columns[0][i] = claimed.key().id();
            columns[1][i] = claimed.key().appId();
            columns[2][i] = claimed.key().revisionKey();
            columns[3][i] = claimed.revision();
            columns[4][i] = claimed.key().trigger();
            columns[5][i] = claimed.key().channel();
            columns[6][i] = claimed.key().destination();
            i++;
        }
        Tuple args = Tuple.tuple();
        for (String[] column : columns) {
            args.addArrayOfString(column);
        }
        args.addOffsetDateTime(utc(now));
        Map<String, Claim> claims = new HashMap<>();
        for (Row row : pool.withTransaction(sql -> sql.preparedQuery(CLAIM).execute(args)).await().indefinitely()) {
            String status = row.getString("status");
            claims.put(row.getString("id"), "pending".equals(status) ? Claim.claimed()
                    : new Claim(DeliveryOutcome.valueOf(status.toUpperCase(Locale.ROOT)), row.getInteger("attempts")));
        }
        if (claims.size() != n) {
            throw new IllegalStateException("delivery log: claimed " + claims.size() + " of " + n + " deliveries");
        }
        return claims;
    }

    @Override
    public void complete(Collection<Completed> completed, Map<String, Integer> repeats, Instant now) {
        if (completed.isEmpty() && repeats.isEmpty()) {
            return;
        }
        int n = completed.size();
        String[] ids = new String[n];
        String[] statuses = new String[n];
        Integer[] attempts = new Integer[n];
        String[] errors = new String[n];
        int i = 0;
        for (Completed c : completed) {
            ids[i] = c.key().id();
            statuses[i] = c.outcome().name().toLowerCase(Locale.ROOT);
            attempts[i] = c.attempts();
            errors[i] = c.error();
            i++;
        }
        Tuple result = Tuple.tuple().addArrayOfString(ids).addArrayOfString(statuses).addArrayOfInteger(attempts)
                .addArrayOfString(errors).addOffsetDateTime(utc(now));
        Tuple repeated = Tuple.tuple().addArrayOfString(repeats.keySet().toArray(String[]::new))
                .addArrayOfInteger(repeats.values().toArray(Integer[]::new)).addOffsetDateTime(utc(now));
        int updated = pool.withTransaction(sql -> sql.preparedQuery(COMPLETE).execute(result)
                .call(rows -> repeats.isEmpty() ? io.smallrye.mutiny.Uni.createFrom().voidItem()
                        : sql.preparedQuery(REPEATS).execute(repeated))
                .map(rows -> rows.rowCount())).await().indefinitely();
        if (updated != n) {
            throw new IllegalStateException("delivery log: " + (n - updated) + " of " + n
                    + " completed deliveries were never claimed");
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
