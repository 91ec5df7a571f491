package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.notifier.support.Events;
import io.lockstep.notifier.support.GreenMailResource;
import io.lockstep.notifier.support.LogCapture;
import io.lockstep.notifier.support.NotifierHarness;
import io.lockstep.notifier.support.SlackStubResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kafka.ReceivedEvent;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.lockstep.testsupport.slack.SlackStub.Reply;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
/** Every sink — log lines, lockstep.notifications, every table, the dead-letter topic — is free of the URL. */
class WebhookUrlNeverLeaksIT extends NotifierHarness {
    private LogCapture logs;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.open();
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void theWebhookUrlAppearsInNoLogLineEventOrDeliveryRowWhateverTheOutcome() throws Exception {
        String url = slack().webhookUrl();
        String path = URI.create(url).getPath();
        String token = path.substring(path.lastIndexOf('/') + 1);

        SyncCompleted sent = Events.deployed(Events.app(Events.uniqueApp("ok"), Events.deployRule()),
                Events.commit("Ship it"));
        SyncCompleted refused = Events.sync(Events.app(Events.uniqueApp("refused"), Events.deployRule()),
                Events.commit("Ship that"), SyncOutcome.FAILED, Health.DEGRADED, "Deployment web: image pull failed");
        SyncCompleted exhausted = Events.deployed(Events.app(Events.uniqueApp("down"), Events.deployRule()),
                Events.commit("Ship again"));

        producer.send(sent);
        awaitDeliveries(sent.appId(), 2);
        slack().enqueue(Reply.webhookError(404, "no_service"));
        producer.send(refused);
        // sync-failed and health-degraded, each to Slack and email.
        awaitDeliveries(refused.appId(), 4);
        for (int i = 0; i < 3; i++) {
            slack().enqueue(Reply.status(500));
        }
        producer.send(exhausted);
        awaitDeliveries(exhausted.appId(), 2);

        assertThat(logs.lines()).as("the capture sees the notifier's own lines")
                .anyMatch(line -> line.contains(sent.appId()) && line.contains("sent"))
                .anyMatch(line -> line.contains(refused.appId()) && line.contains("no_service"));
        assertThat(logs.lines()).noneMatch(line -> line.contains(token) || line.contains(path) || line.contains(url));

        assertThat(notifications.received()).isNotEmpty();
        for (ReceivedEvent received : notifications.received()) {
            String json = new String(EventCodec.encode(received.event()), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).doesNotContain(token);
            assertThat(received.headers().toString()).doesNotContain(token);
        }

        StringBuilder rows = new StringBuilder();
        try (Connection db = DriverManager.getConnection(jdbcUrl, dbUser, "");
                Statement query = db.createStatement();
                ResultSet result = query.executeQuery("SELECT * FROM notifier.delivery")) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    rows.append(result.getString(i)).append('|');
                }
                rows.append('\n');
            }
        }
        assertThat(rows.toString()).contains(refused.appId(), "no_service").doesNotContain(token);
        assertThat(io.lockstep.notifier.support.Database.dumpAll()).as("every table").doesNotContain(token);
        assertThat(io.lockstep.notifier.support.DeadLetterReader.allAsText()).as("the dead-letter topic")
                .anyMatch(letter -> letter.contains("no_service")).noneMatch(letter -> letter.contains(token));
    }
}
