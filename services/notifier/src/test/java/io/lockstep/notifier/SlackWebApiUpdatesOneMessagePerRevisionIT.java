package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.NotifyRule;
import io.lockstep.contracts.model.SyncOutcome;
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
import io.lockstep.testsupport.slack.SlackMessage;
import io.lockstep.testsupport.slack.SlackStub;
import io.lockstep.testsupport.slack.SlackStub.Reply;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With a bot token, Slack deliveries go through the Web API: one message per application, commit and channel. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackWebApiResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SecureGreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TemplateOverridesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SlackWebApiUpdatesOneMessagePerRevisionIT extends NotifierHarness {
    private static final List<String> ALL = List.of("deployed", "sync-failed", "health-degraded",
            "health-recovered");

    private static SlackStub api() {
        return SlackWebApiResource.stub();
    }

    private static List<SlackMessage> apiMessagesAbout(String appId) {
        return api().messages().stream().filter(m -> m.text().contains(appId + " ")).toList();
    }

    private static SyncCompleted sync(AppSpec app, CommitInfo commit, SyncOutcome outcome, Health health, String n) {
        String appId = "demo/" + app.name();
        Instant now = Instant.now();
        return new SyncCompleted(EventIds.of(EventType.SYNC_COMPLETED, appId, commit.revision(), n), appId, "op-" + n,
                commit, app, "new-revision", outcome, health, List.of(), outcome == SyncOutcome.FAILED ? "timed out"
                        : null, now, now, now);
    }

    @Test
    void laterStagesOfTheSameCommitUpdateTheFirstMessageAndANewCommitGetsANewOne() {
        AppSpec app = Events.app(Events.uniqueApp("api"), new NotifyRule(ALL, "#deploys", null));
        String appId = "demo/" + app.name();
        CommitInfo first = Events.commit("Roll out v2");
        CommitInfo second = Events.commit("Roll out v3");

        producer.send(sync(app, first, SyncOutcome.SUCCEEDED, Health.DEGRADED, "1"));
        producer.send(sync(app, first, SyncOutcome.SUCCEEDED, Health.HEALTHY, "2"));
        producer.send(sync(app, second, SyncOutcome.SUCCEEDED, Health.HEALTHY, "3"));
        List<NotificationDelivered> delivered = awaitDeliveries(appId, 4);

        assertThat(delivered).extracting(NotificationDelivered::trigger)
                .containsExactly("health-degraded", "deployed", "health-recovered", "deployed");
        assertThat(delivered).allSatisfy(d -> assertThat(d.outcome()).isEqualTo(DeliveryOutcome.SENT));
        List<SlackMessage> messages = apiMessagesAbout(appId);
        assertThat(messages).extracting(SlackMessage::path).containsExactly("/api/chat.postMessage",
                "/api/chat.update", "/api/chat.update", "/api/chat.postMessage");
        String ts = messages.get(1).body().path("ts").asText();
        assertThat(ts).isNotBlank();
        assertThat(messages.get(2).body().path("ts").asText()).isEqualTo(ts);
        assertThat(messages.get(2).text()).contains("recovered");
        assertThat(messages).allSatisfy(m -> assertThat(m.headers().get("authorization"))
                .isEqualTo("Bearer " + api().botToken()));
        assertThat(delivered).allSatisfy(d -> assertThat(d.destination()).isEqualTo("#deploys"));
    }

    @Test
    void aRateLimitedPostIsRetriedAfterTheAskedWait() {
        AppSpec app = Events.app(Events.uniqueApp("api-limited"), new NotifyRule(ALL, "#deploys", null));
        api().enqueue(Reply.rateLimited(1));

        long started = System.nanoTime();
        producer.send(sync(app, Events.commit("Slowly"), SyncOutcome.SUCCEEDED, Health.HEALTHY, "1"));
        NotificationDelivered delivered = awaitDeliveries("demo/" + app.name(), 1).get(0);

        assertThat(delivered.outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_auth", "token_revoked", "account_inactive", "channel_not_found",
            "not_in_channel", "invalid_blocks"})
    void slacksPermanentApiErrorsFailTheDeliveryAtOnceAndNameTheError(String code) {
        AppSpec app = Events.app(Events.uniqueApp("api-refused"), new NotifyRule(ALL, "#deploys", null));
        api().enqueue(Reply.apiError(code));

        producer.send(sync(app, Events.commit("Refused"), SyncOutcome.SUCCEEDED, Health.HEALTHY, "1"));
        NotificationDelivered delivered = awaitDeliveries("demo/" + app.name(), 1).get(0);

        assertThat(delivered.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.error()).isEqualTo("Slack chat.postMessage answered " + code);
    }
}
