package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.notifier.support.Events;
import io.lockstep.notifier.support.GreenMailResource;
import io.lockstep.notifier.support.Mailbox;
import io.lockstep.notifier.support.NotifierHarness;
import io.lockstep.notifier.support.SlackStubResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.slack.SlackMessage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RenderFailureNamesFileAndLineIT extends NotifierHarness {

    @Test
    void aRenderFailureSendsSyncFailedToSlackAndEmailNamingTheFileAndLine() {
        AppSpec app = Events.app(Events.uniqueApp("broken"), Events.deployRule());
        CommitInfo commit = Events.commit("Break the config map");
        RenderFailed failed = Events.renderFailed(app, commit, "apps/web/configmap.yaml", 4,
                "mapping values are not allowed here");

        producer.send(failed);

        List<NotificationDelivered> delivered = awaitDeliveries(failed.appId(), 2);
        assertThat(delivered).allSatisfy(d -> {
            assertThat(d.trigger()).isEqualTo("sync-failed");
            assertThat(d.outcome()).isEqualTo(DeliveryOutcome.SENT);
        });

        SlackMessage message = slackMessagesAbout(failed.appId()).get(0);
        assertThat(message.text()).contains(failed.appId() + " sync failed " + commit.shortRevision(),
                "apps/web/configmap.yaml line 4", "mapping values are not allowed here", Events.AUTHOR);
        assertThat(message.body().path("blocks").toString()).contains("apps/web/configmap.yaml line 4");

        MimeMessage mail = Mailbox.about(failed.appId()).get(0);
        assertThat(Mailbox.subject(mail))
                .isEqualTo("[lockstep] " + failed.appId() + " sync failed " + commit.shortRevision());
        assertThat(Mailbox.text(mail)).contains("apps/web/configmap.yaml line 4", "mapping values are not allowed here");
        assertThat(Mailbox.html(mail)).contains("apps/web/configmap.yaml line 4");
    }
}
