package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.notifier.support.Database;
import io.lockstep.notifier.support.DeadLetterReader;
import io.lockstep.notifier.support.LogCapture;
import io.lockstep.notifier.support.Events;
import io.lockstep.notifier.support.NotifierHarness;
import io.lockstep.notifier.support.SecureGreenMailResource;
import io.lockstep.notifier.support.SlackWebApiResource;
import io.lockstep.notifier.support.TemplateOverridesResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.lockstep.testsupport.kafka.ReceivedEvent;
import io.lockstep.testsupport.slack.SlackStub.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every sink — log lines, lockstep.notifications, every table, the dead-letter topic — is free of the secrets. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackWebApiResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SecureGreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TemplateOverridesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BotTokenAndSmtpPasswordNeverLeakIT extends NotifierHarness {

    @Test
    void theBotTokenAndTheSmtpPasswordAppearInNoSinkWhateverTheOutcome() {
        String token = SlackWebApiResource.stub().botToken();
        String password = SecureGreenMailResource.PASSWORD;
        SyncCompleted sent = Events.deployed(Events.app(Events.uniqueApp("ok"), Events.deployRule()),
                Events.commit("Ship it"));
        SyncCompleted refused = Events.sync(Events.app(Events.uniqueApp("revoked"), Events.deployRule()),
                Events.commit("Ship that"), SyncOutcome.FAILED, Health.DEGRADED, "Deployment web: image pull failed");
        SyncCompleted exhausted = Events.deployed(Events.app(Events.uniqueApp("down"), Events.deployRule()),
                Events.commit("Ship again"));

        List<String> logLines;
        try (LogCapture logs = LogCapture.open()) {
            producer.send(sent);
            awaitDeliveries(sent.appId(), 2);
            SlackWebApiResource.stub().enqueue(Reply.apiError("token_revoked"));
            producer.send(refused);
            awaitDeliveries(refused.appId(), 4);
            for (int i = 0; i < 3; i++) {
                SlackWebApiResource.stub().enqueue(Reply.status(500));
            }
            producer.send(exhausted);
            awaitDeliveries(exhausted.appId(), 2);
            logLines = logs.lines();
        }

        assertThat(logLines).as("the capture sees the notifier's own lines")
                .anyMatch(line -> line.contains(refused.appId()) && line.contains("token_revoked"));
        assertThat(logLines).noneMatch(line -> line.contains(token) || line.contains(password));
        assertThat(notifications.received()).isNotEmpty().allSatisfy((ReceivedEvent received) -> {
            String json = new String(EventCodec.encode(received.event()), StandardCharsets.UTF_8);
            assertThat(json + received.headers()).doesNotContain(token).doesNotContain(password);
        });
        assertThat(Database.dumpAll()).contains(refused.appId(), "token_revoked", "slack_message")
                .doesNotContain(token).doesNotContain(password);
        List<String> deadLetters = DeadLetterReader.allAsText();
        assertThat(deadLetters).anyMatch(letter -> letter.contains("token_revoked"))
                .noneMatch(letter -> letter.contains(token) || letter.contains(password));
    }
}
