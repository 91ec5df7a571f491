package io.lockstep.repowatcher.state;

import io.lockstep.repowatcher.webhook.DeliveryLog;
import io.lockstep.repowatcher.webhook.WebhookProvider;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook deliveries in PostgreSQL ({@code watcher.webhook_delivery}). The insert is the check: a key that already
 * exists makes the delivery a replay, atomically, whichever replica took it. Called on worker threads only.
 */
@ApplicationScoped
public class PgDeliveryLog implements DeliveryLog {
    /** Long enough to outlive any sender's retries; replays older than this are still bounded by their signature. */
    static final Duration RETENTION = Duration.ofDays(7);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int PRUNE_EVERY = 100;

    private final Pool pool;
    private final AtomicInteger sincePrune = new AtomicInteger();

    public PgDeliveryLog(Pool pool) {
        this.pool = pool;
    }

    @Override
    public boolean firstSeen(String sourceId, WebhookProvider provider, String deliveryId, String contentDigest) {
        String body = "body:" + contentDigest;
        int inserted;
        if (deliveryId == null || deliveryId.isBlank()) {
            inserted = pool.preparedQuery("INSERT INTO watcher.webhook_delivery (source_id, delivery_key, provider, "
                    + "received_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING")
                    .execute(Tuple.of(sourceId, body, provider.id())).await().atMost(TIMEOUT).rowCount();
            prune();
            return inserted == 1;
        }
        inserted = pool.preparedQuery("INSERT INTO watcher.webhook_delivery (source_id, delivery_key, provider, "
                + "received_at) VALUES ($1, $2, $3, now()), ($1, $4, $3, now()) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(sourceId, "id:" + bounded(deliveryId), provider.id(), body))
                .await().atMost(TIMEOUT).rowCount();
        prune();
        return inserted == 2;
    }

    private void prune() {
        if (sincePrune.incrementAndGet() % PRUNE_EVERY != 0) {
            return;
        }
        // A number of days, not a text cast to interval: the client sends text parameters as varchar, which
        // PostgreSQL refuses to cast, and every hundredth webhook failed with a 500.
        pool.preparedQuery("DELETE FROM watcher.webhook_delivery WHERE received_at < now() - make_interval(days => $1)")
                .execute(Tuple.of((int) RETENTION.toDays())).await().atMost(TIMEOUT);
    }

    /** Delivery ids are the sender's text: a long one is stored by its digest so the key stays bounded. */
    private static String bounded(String id) {
        if (id.length() <= 200) {
            return id;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
