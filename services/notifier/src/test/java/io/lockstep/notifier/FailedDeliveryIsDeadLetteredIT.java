package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.contracts.model.NotifyRule;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.notifier.support.Database;
import io.lockstep.notifier.support.DeadLetterReader;
import io.lockstep.notifier.support.Events;
import io.lockstep.notifier.support.GreenMailResource;
import io.lockstep.notifier.support.NotifierHarness;
import io.lockstep.notifier.support.SlackStubResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.lockstep.testsupport.slack.SlackStub.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FailedDeliveryIsDeadLetteredIT extends NotifierHarness {

    @Test
    void afterTheRetryBudgetTheDeliveryIsRecordedFailedAndItsEventDeadLetteredWithTheReason() {
        SyncCompleted sync = Events.deployed(Events.app(Events.uniqueApp("undeliverable"),
                new NotifyRule(List.of("deployed"), "#deploys", null)), Events.commit("Nobody hears this"));
        for (int i = 0; i < 3; i++) {
            slack().enqueue(Reply.status(503));
        }

        producer.send(sync);
        NotificationDelivered delivered = awaitDeliveries(sync.appId(), 1).get(0);

        assertThat(delivered.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(Database.rows("SELECT status, attempts FROM notifier.delivery WHERE app_id = ?", sync.appId()))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("failed");
                    assertThat(row.get("attempts")).isEqualTo("3");
                });
        ConsumerRecord<String, byte[]> dead = DeadLetterReader.awaitOne(sync.appId(),
                r -> DeadLetterReader.header(r, "lockstep-delivery-trigger") != null);
        assertThat(DeadLetterReader.header(dead, "dead-letter-reason")).contains("503", "gave up after 3 attempts");
        assertThat(DeadLetterReader.header(dead, "dead-letter-topic")).isEqualTo("lockstep.sync-results");
        assertThat(DeadLetterReader.header(dead, "lockstep-delivery-channel")).isEqualTo("slack");
        assertThat(DeadLetterReader.header(dead, "lockstep-delivery-destination")).isEqualTo("#deploys");
        assertThat(DeadLetterReader.header(dead, "lockstep-delivery-attempts")).isEqualTo("3");
        assertThat(EventCodec.decode(dead.headers(), dead.value())).as("the event, ready to replay").isEqualTo(sync);

        String webhookPath = URI.create(slack().webhookUrl()).getPath();
        dead.headers().forEach(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8))
                .doesNotContain(webhookPath));
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).doesNotContain(webhookPath);
    }
}
