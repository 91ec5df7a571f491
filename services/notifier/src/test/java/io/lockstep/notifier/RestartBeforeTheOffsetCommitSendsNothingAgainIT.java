package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.notifier.kafka.NotifierEventsConsumer;
import io.lockstep.notifier.support.Database;
import io.lockstep.notifier.support.Mailbox;
import io.lockstep.notifier.support.Events;
import io.lockstep.notifier.support.GreenMailResource;
import io.lockstep.notifier.support.NotifierHarness;
import io.lockstep.notifier.support.SlackStubResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.lockstep.testsupport.kafka.KafkaBroker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The notifier killed after sending but before its offset is committed: its successor's consumer starts from the
 * last committed offset and is handed the same record again. Here that successor is the notifier's own handler fed
 * by a fresh consumer group (no committed offset at all) that reads the very record from the broker.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RestartBeforeTheOffsetCommitSendsNothingAgainIT extends NotifierHarness {

    @Inject
    NotifierEventsConsumer handler;

    @Test
    void theRecordConsumedAgainAfterARestartFindsItsDeliveriesSentAndSendsNothing() {
        SyncCompleted sync = Events.deployed(Events.app(Events.uniqueApp("restart"), Events.deployRule()),
                Events.commit("Survive a restart"));
        RecordMetadata written = producer.send(sync);
        awaitDeliveries(sync.appId(), 2);

        ConsumerRecord<String, byte[]> again = readBack(written);
        handler.consume(again);

        List<NotificationDelivered> delivered = awaitDeliveries(sync.appId(), 4);
        assertThat(delivered).extracting(NotificationDelivered::outcome).containsExactly(DeliveryOutcome.SENT,
                DeliveryOutcome.SENT, DeliveryOutcome.SUPPRESSED, DeliveryOutcome.SUPPRESSED);
        assertThat(slackMessagesAbout(sync.appId())).hasSize(1);
        assertThat(Mailbox.about(sync.appId())).hasSize(1);
        assertThat(Database.rows("SELECT status, suppressed_count FROM notifier.delivery WHERE app_id = ?",
                sync.appId())).hasSize(2).allSatisfy(row -> {
                    assertThat(row.get("status")).isEqualTo("sent");
                    assertThat(row.get("suppressed_count")).isEqualTo("1");
                });
    }

    /** The record as a consumer group with no committed offset gets it from the broker. */
    private static ConsumerRecord<String, byte[]> readBack(RecordMetadata written) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "lockstep-notifier-restarted-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(written.topic(), written.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == written.offset()) {
                        return record;
                    }
                }
                return null;
            }, record -> record != null);
        }
    }
}
