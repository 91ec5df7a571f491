package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.notifier.support.Events;
import io.lockstep.notifier.support.GreenMailResource;
import io.lockstep.notifier.support.Mailbox;
import io.lockstep.notifier.support.NotifierHarness;
import io.lockstep.notifier.support.SlackStubResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RedeliveredEventSendsOnceIT extends NotifierHarness {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @Test
    void theSameEventDeliveredTwiceSendsOneSlackMessageAndOneEmailAndRecordsTheDuplicateAsSuppressed()
            throws Exception {
        AppSpec app = Events.app(Events.uniqueApp("twice"), Events.deployRule());
        SyncCompleted sync = Events.deployed(app, Events.commit("Bump replicas"));

        producer.send(sync);
        awaitDeliveries(sync.appId(), 2);
        producer.send(sync);
        List<NotificationDelivered> delivered = awaitDeliveries(sync.appId(), 4);

        assertThat(delivered).extracting(NotificationDelivered::outcome).containsExactly(DeliveryOutcome.SENT,
                DeliveryOutcome.SENT, DeliveryOutcome.SUPPRESSED, DeliveryOutcome.SUPPRESSED);
        assertThat(slackMessagesAbout(sync.appId())).hasSize(1);
        assertThat(Mailbox.about(sync.appId())).hasSize(1);

        try (Connection db = DriverManager.getConnection(jdbcUrl, dbUser, "");
                PreparedStatement query = db.prepareStatement(
                        "SELECT channel, status, attempts, suppressed_count FROM notifier.delivery WHERE app_id = ?"
                                + " ORDER BY channel")) {
            query.setString(1, sync.appId());
            try (ResultSet rows = query.executeQuery()) {
                int count = 0;
                while (rows.next()) {
                    count++;
                    assertThat(rows.getString("status")).isEqualTo("sent");
                    assertThat(rows.getInt("attempts")).isEqualTo(1);
                    assertThat(rows.getInt("suppressed_count")).isEqualTo(1);
                }
                assertThat(count).as("one delivery row per channel").isEqualTo(2);
            }
        }
    }
}
