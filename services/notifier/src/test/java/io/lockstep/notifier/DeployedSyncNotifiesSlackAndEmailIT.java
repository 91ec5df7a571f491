package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SyncCompleted;
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
class DeployedSyncNotifiesSlackAndEmailIT extends NotifierHarness {

    @Test
    void aHealthySuccessfulSyncSendsOneSlackMessageAndOneEmailNamingAppShaAuthorAndOutcome() {
        AppSpec app = Events.app(Events.uniqueApp("web"), Events.deployRule());
        CommitInfo commit = Events.commit("Add the web deployment");
        SyncCompleted sync = Events.deployed(app, commit);
        String appId = sync.appId();

        producer.send(sync);

        List<NotificationDelivered> delivered = awaitDeliveries(appId, 2);
        assertThat(delivered).extracting(NotificationDelivered::channel, NotificationDelivered::destination,
                NotificationDelivered::outcome, NotificationDelivered::trigger, NotificationDelivered::revision)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("slack", "#deploys", DeliveryOutcome.SENT, "deployed",
                                commit.revision()),
                        org.assertj.core.groups.Tuple.tuple("email", "team@example.com", DeliveryOutcome.SENT,
                                "deployed", commit.revision()));

        List<SlackMessage> messages = slackMessagesAbout(appId);
        assertThat(messages).hasSize(1);
        SlackMessage message = messages.get(0);
        assertThat(message.body().path("channel").asText()).isEqualTo("#deploys");
        assertThat(message.text()).contains(appId, commit.shortRevision(), Events.AUTHOR, "deployed", "succeeded",
                "healthy", "Add the web deployment").doesNotContain("Longer explanation");
        assertThat(message.body().path("blocks").isArray()).isTrue();
        assertThat(message.body().path("blocks").toString())
                .contains(appId, commit.shortRevision(), Events.AUTHOR, "succeeded", "healthy");

        List<MimeMessage> mails = Mailbox.about(appId);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(Mailbox.subject(mail)).isEqualTo("[lockstep] " + appId + " deployed " + commit.shortRevision());
        assertThat(Mailbox.text(mail)).contains(appId, commit.shortRevision(), Events.AUTHOR, "succeeded", "healthy",
                "Add the web deployment");
        assertThat(Mailbox.html(mail)).contains(appId, commit.shortRevision(), Events.AUTHOR, "succeeded",
                "<table");
    }
}
