package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.contracts.model.NotifyRule;
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
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SlackTransientFailuresAreRetriedIT extends NotifierHarness {

    private static AppSpec slackOnlyApp(String prefix) {
        return Events.app(Events.uniqueApp(prefix), new NotifyRule(List.of("deployed"), "#deploys", null));
    }

    @Test
    void aRateLimitWithRetryAfterIsWaitedOutAndTheMessageIsDeliveredOnce() {
        SyncCompleted sync = Events.deployed(slackOnlyApp("limited"), Events.commit("Scale out"));
        int requestsBefore = slack().requests().size();
        slack().enqueue(Reply.rateLimited(1));

        long started = System.nanoTime();
        producer.send(sync);
        NotificationDelivered delivered = awaitDeliveries(sync.appId(), 1).get(0);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(delivered.outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(elapsedMillis).as("Retry-After: 1 is honoured").isGreaterThanOrEqualTo(1_000);
        assertThat(slack().requests().size() - requestsBefore).isEqualTo(2);
        assertThat(slackMessagesAbout(sync.appId())).hasSize(1);
    }

    @Test
    void aServerErrorIsRetriedWithBackoffUntilSlackAcceptsTheMessage() {
        SyncCompleted sync = Events.deployed(slackOnlyApp("flaky"), Events.commit("Tune probes"));
        slack().enqueue(Reply.status(500));
        slack().enqueue(Reply.status(503));

        producer.send(sync);
        NotificationDelivered delivered = awaitDeliveries(sync.appId(), 1).get(0);

        assertThat(delivered.outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(delivered.attempts()).isEqualTo(3);
        assertThat(slackMessagesAbout(sync.appId())).hasSize(1);
    }

    @Test
    void serverErrorsBeyondTheRetryBudgetEndAsAFailedDelivery() {
        SyncCompleted sync = Events.deployed(slackOnlyApp("down"), Events.commit("Add cache"));
        for (int i = 0; i < 3; i++) {
            slack().enqueue(Reply.status(500));
        }

        producer.send(sync);
        NotificationDelivered delivered = awaitDeliveries(sync.appId(), 1).get(0);

        assertThat(delivered.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(delivered.attempts()).isEqualTo(3);
        assertThat(delivered.error()).contains("500", "gave up after 3 attempts");
        assertThat(slackMessagesAbout(sync.appId())).isEmpty();
    }
}
