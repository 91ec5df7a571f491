package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.contracts.model.NotifyRule;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.notifier.support.Mailbox;
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
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Email over implicit TLS (SMTPS) to a server that requires SMTP auth; the operator's template folder overrides the
 * plain-text part only, the HTML part stays the shipped one.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackWebApiResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SecureGreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TemplateOverridesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EmailOverImplicitTlsWithAuthIT extends NotifierHarness {

    @Test
    void theEmailIsSentOverTlsWithAuthAndItsPlainTextComesFromTheOverridingTemplate() {
        var app = Events.app(Events.uniqueApp("smtps"), new NotifyRule(List.of("deployed"), null, "team@example.com"));
        SyncCompleted base = Events.deployed(app, Events.commit("Secure the mail"));
        SyncCompleted sync = new SyncCompleted(base.id(), base.appId(), base.operationId(),
                new io.lockstep.contracts.model.CommitInfo("https://github.com/acme/config.git",
                        base.commit().revision(), Events.AUTHOR, null, "Secure the mail", base.commit().committedAt()),
                app, base.trigger(), base.outcome(), base.health(),
                List.of(new ObjectResult(new ObjectRef("apps/v1", "Deployment", "web", "web"), ChangeAction.UPDATE,
                        ResultCode.SYNCED, null)), null, base.startedAt(), base.finishedAt(), base.time());

        producer.send(sync);
        NotificationDelivered delivered = awaitDeliveries(sync.appId(), 1).get(0);

        assertThat(delivered.outcome()).as(delivered.error()).isEqualTo(DeliveryOutcome.SENT);
        MimeMessage mail = await().atMost(Duration.ofSeconds(10))
                .until(() -> Mailbox.about(SecureGreenMailResource.greenMail(), sync.appId()), l -> !l.isEmpty())
                .get(0);
        assertThat(Mailbox.subject(mail)).isEqualTo("[lockstep] " + sync.appId() + " deployed "
                + sync.commit().shortRevision());
        assertThat(Mailbox.text(mail)).startsWith(TemplateOverridesResource.MARKER + ": " + sync.appId()
                + " is succeeded at " + sync.commit().shortRevision())
                .contains("https://github.com/acme/config/commit/" + sync.commit().revision())
                .contains("* update Deployment web/web");
        assertThat(Mailbox.html(mail)).contains("<a href=\"https://github.com/acme/config/commit/")
                .contains("Deployment web/web").doesNotContain(TemplateOverridesResource.MARKER);
    }
}
