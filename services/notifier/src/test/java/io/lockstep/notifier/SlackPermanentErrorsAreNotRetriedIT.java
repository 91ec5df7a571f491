package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SyncCompleted;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SlackPermanentErrorsAreNotRetriedIT extends NotifierHarness {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"400, invalid_payload", "404, channel_not_found", "404, no_service", "403, action_prohibited",
            "410, channel_is_archived"})
    void aPermanentSlackErrorFailsTheDeliveryAfterOneAttemptAndSaysWhy(int status, String code) {
        SyncCompleted sync = Events.deployed(Events.app(Events.uniqueApp("refused"),
                new NotifyRule(List.of("deployed"), "#gone", null)), Events.commit("Rename channel"));
        int requestsBefore = slack().requests().size();
        slack().enqueue(Reply.webhookError(status, code));

        producer.send(sync);
        NotificationDelivered delivered = awaitDeliveries(sync.appId(), 1).get(0);

        assertThat(delivered.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.destination()).isEqualTo("#gone");
        assertThat(delivered.error()).contains(String.valueOf(status), code);
        assertThat(slack().requests().size() - requestsBefore).isEqualTo(1);
    }
}
