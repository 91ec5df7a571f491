package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.contracts.model.NotifyRule;
import io.lockstep.notifier.support.Events;
import io.lockstep.notifier.support.NotifierHarness;
import io.lockstep.notifier.support.SecureGreenMailResource;
import io.lockstep.notifier.support.SlackWebApiResource;
import io.lockstep.notifier.support.TemplateOverridesResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.slack.SlackMessage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's {@code slack/message.json} in the templates folder replaces the built-in Block Kit message. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackWebApiResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SecureGreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TemplateOverridesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SlackTemplateOverriddenByConfigurationIT extends NotifierHarness {

    @Test
    void theOverridingTemplateShapesTheMessageAndItsEscapesKeepUserTextInsideTheJsonAndOutOfSlackMarkup() {
        var app = Events.app(Events.uniqueApp("tpl"), new NotifyRule(List.of("deployed"), "#deploys", null));
        CommitInfo base = Events.commit("x");
        String hostile = "Quote \" backslash \\ and <!channel> & <https://evil.example|click>";
        CommitInfo commit = new CommitInfo(base.repoUrl(), base.revision(), Events.AUTHOR, null, hostile,
                base.committedAt());
        SyncCompleted sync = Events.deployed(app, commit);

        producer.send(sync);
        NotificationDelivered delivered = awaitDeliveries(sync.appId(), 1).get(0);

        assertThat(delivered.outcome()).as(delivered.error()).isEqualTo(DeliveryOutcome.SENT);
        SlackMessage message = SlackWebApiResource.stub().messages().stream()
                .filter(m -> m.text().contains(sync.appId() + " ")).findFirst().orElseThrow();
        assertThat(message.body().path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo(TemplateOverridesResource.MARKER);
        assertThat(message.body().path("blocks").get(2).path("elements").get(0).path("text").asText())
                .isEqualTo("Quote \" backslash \\ and &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;");
        assertThat(message.body().path("channel").asText()).isNotBlank();
    }
}
