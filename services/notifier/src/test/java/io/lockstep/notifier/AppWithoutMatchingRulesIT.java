package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.NotifyRule;
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
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AppWithoutMatchingRulesIT extends NotifierHarness {

    @Test
    void anEventNoRuleSubscribesToSendsNothing() {
        AppSpec app = Events.app(Events.uniqueApp("quiet"),
                new NotifyRule(List.of("sync-failed"), "#alerts", "oncall@example.com"));
        SyncCompleted deployed = Events.deployed(app, Events.commit("Routine change"));
        // Same key, so same partition: once the marker is delivered, the event before it has been handled.
        RenderFailed marker = Events.renderFailed(app, Events.commit("Typo"), "apps/quiet/a.yaml", 1, "bad");

        producer.send(deployed);
        producer.send(marker);
        List<NotificationDelivered> delivered = awaitDeliveries(deployed.appId(), 2);

        assertThat(delivered).extracting(NotificationDelivered::trigger).containsOnly("sync-failed");
        assertThat(delivered).extracting(NotificationDelivered::revision).containsOnly(marker.commit().revision());
        assertThat(slackMessagesAbout(deployed.appId())).extracting(m -> m.text())
                .noneMatch(text -> text.contains(" deployed "));
        assertThat(Mailbox.about(deployed.appId())).extracting(Mailbox::subject)
                .noneMatch(subject -> subject.contains(" deployed "));
    }
}
