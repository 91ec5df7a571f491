package io.lockstep.repowatcher.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.repowatcher.webhook.WebhookProvider;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Old webhook deliveries are pruned as new ones arrive, and the pruning never fails a delivery. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class WebhookDeliveryPruneIT {
    @Inject
    PgDeliveryLog log;

    @Inject
    Pool pool;

    @Test
    void deliveriesOlderThanTheRetentionArePrunedWithoutFailingTheDeliveryThatTriggersIt() {
        pool.preparedQuery("INSERT INTO watcher.webhook_delivery (source_id, delivery_key, provider, received_at) "
                + "VALUES ($1, $2, $3, now() - make_interval(days => $4))")
                .execute(Tuple.of("prune-test", "id:ancient", WebhookProvider.GENERIC.id(),
                        (int) PgDeliveryLog.RETENTION.plusDays(1).toDays()))
                .await().atMost(Duration.ofSeconds(10));

        for (int i = 0; i < PgDeliveryLog.PRUNE_EVERY; i++) {
            assertThat(log.firstSeen("prune-test", WebhookProvider.GENERIC, "delivery-" + i, "digest-" + i)).isTrue();
        }

        long ancient = pool.preparedQuery("SELECT count(*) FROM watcher.webhook_delivery WHERE delivery_key = $1")
                .execute(Tuple.of("id:ancient")).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertThat(ancient).isZero();
        assertThat(log.firstSeen("prune-test", WebhookProvider.GENERIC, "delivery-0", "digest-0")).isFalse();
    }
}
