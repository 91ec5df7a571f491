package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.contracts.events.SourceRecovered;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A source that keeps failing for the same reason is told once, whatever the commit and however often the watcher
 * reports it; once it recovers ({@code SourceRecovered}), its next failure is news again. A failure for another
 * reason is news too; one ends the test, as the last event of the source's partition.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SourceErrorIsToldOncePerFailureIT extends NotifierHarness {

    @Test
    void repeatedFailuresOfASourceAreToldOnceAndAFailureAfterRecoveryIsToldAgain() {
        String source = Events.uniqueApp("flaky");
        AppSpec web = Events.app("web", new NotifyRule(List.of("source-error"), "#" + source, null));
        CommitInfo commit = Events.commit("Move the chart");

        producer.send(failed(source, null, web));
        producer.send(failed(source, null, web));
        producer.send(failed(source, commit, web));
        producer.send(new SourceRecovered(UUID.randomUUID().toString(), source, source, commit, "unreachable",
                List.of(web), Instant.now()));
        producer.send(failed(source, null, web));
        // Last on the same partition (keyed by the source id), so told after everything above was handled.
        producer.send(new SourceFailed(UUID.randomUUID().toString(), source, source, commit, "invalid-config",
                "lockstep.yaml", 3, "applications", "the marker error", List.of(web), Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> slackMessagesAbout(source + "/web").stream()
                .anyMatch(m -> m.text().contains("the marker error")));
        List<NotificationDelivered> delivered = awaitDeliveries(source + "/web", 3);
        assertThat(delivered).as("the first failure, the one after recovery, the marker").hasSize(3)
                .allSatisfy(d -> {
                    assertThat(d.trigger()).isEqualTo("source-error");
                    assertThat(d.outcome()).isEqualTo(DeliveryOutcome.SENT);
                });
        assertThat(slackMessagesAbout(source + "/web")).hasSize(3);
    }

    private static SourceFailed failed(String source, CommitInfo commit, AppSpec app) {
        return new SourceFailed(UUID.randomUUID().toString(), source, source, commit, "unreachable", null, null, null,
                "cannot fetch the repository: connection refused", List.of(app), Instant.now());
    }
}
