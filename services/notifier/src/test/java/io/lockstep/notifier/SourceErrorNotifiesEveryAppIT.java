package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SourceErrorNotifiesEveryAppIT extends NotifierHarness {

    @Test
    void anInvalidLockstepYamlTellsTheSubscribersOfEachApplicationOfTheSourceWhereTheErrorIs() {
        String source = Events.uniqueApp("src");
        AppSpec web = Events.app("web", new NotifyRule(List.of("source-error"), "#web", null));
        AppSpec api = Events.app("api", new NotifyRule(List.of("deployed"), "#api", null));
        CommitInfo commit = Events.commit("Reorganise apps");
        SourceFailed failed = new SourceFailed(EventIds.of(EventType.SOURCE_FAILED, source, commit.revision()),
                source, source, commit, "invalid-config", "lockstep.yaml", 7, "applications[0].path",
                "must not be empty", List.of(web, api), Instant.now());

        producer.send(failed);
        List<NotificationDelivered> delivered = awaitDeliveries(source + "/web", 1);

        assertThat(delivered.get(0).trigger()).isEqualTo("source-error");
        assertThat(delivered.get(0).outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(slackMessagesAbout(source + "/web")).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("source error", commit.shortRevision(),
                        "lockstep.yaml line 7", "applications[0].path: must not be empty"));
        assertThat(deliveriesOf(source + "/api")).as("api does not subscribe to source-error").isEmpty();
    }
}
