package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.contracts.model.NotifyRule;
import io.lockstep.notifier.support.Events;
import io.lockstep.notifier.support.NotifierHarness;
import io.lockstep.notifier.support.StartTlsSmtpResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Email through a submission server that requires STARTTLS and SMTP auth (port 587 style), configured with the
 * README's {@code quarkus.mailer.start-tls=REQUIRED}: the server refuses mail before the upgrade and before auth, so a
 * message it accepted travelled encrypted and authenticated.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StartTlsSmtpResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EmailOverStartTlsWithAuthIT extends NotifierHarness {

    @Test
    void theEmailIsSentAfterStartTlsAndAuthAndTheServerSawItEncrypted() {
        var app = Events.app(Events.uniqueApp("starttls"),
                new NotifyRule(List.of("deployed"), null, "team@example.com"));
        SyncCompleted sync = Events.deployed(app, Events.commit("Upgrade the mail"));

        producer.send(sync);
        NotificationDelivered delivered = awaitDeliveries(sync.appId(), 1).get(0);

        assertThat(delivered.outcome()).as(delivered.error()).isEqualTo(DeliveryOutcome.SENT);
        StartTlsSmtpResource.Received mail = await().atMost(Duration.ofSeconds(10))
                .until(() -> StartTlsSmtpResource.received().stream()
                        .filter(m -> m.data().contains(sync.appId())).toList(), l -> !l.isEmpty())
                .get(0);
        assertThat(mail.to()).isEqualTo("team@example.com");
        assertThat(mail.overTls()).as("the session was upgraded by STARTTLS before the mail").isTrue();
        assertThat(mail.authenticated()).as("the session was authenticated").isTrue();
        assertThat(StartTlsSmtpResource.startTlsUpgrades()).isPositive();
        assertThat(mail.data()).doesNotContain(StartTlsSmtpResource.PASSWORD);
    }
}
