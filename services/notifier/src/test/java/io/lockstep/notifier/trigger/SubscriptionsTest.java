package io.lockstep.notifier.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.NotifyRule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private static Notice notice(Trigger trigger, NotifyRule... rules) {
        AppSpec app = new AppSpec("web", "apps/web", null, null, null, List.of(rules));
        return new Notice("demo/web", trigger, "abc", null, app, null, null, null, null, null, "id", Instant.EPOCH);
    }

    @Test
    void theRulesListingTheTriggerNameTheirSlackChannelAndAddress() {
        Subscriptions subscriptions = new Subscriptions(List.of());
        NotifyRule deploys = new NotifyRule(List.of("deployed", "sync-failed"), "#deploys", "team@example.com");
        NotifyRule failures = new NotifyRule(List.of("sync-failed"), "#alerts", null);

        assertThat(subscriptions.destinationsFor(notice(Trigger.DEPLOYED, deploys, failures))).containsExactly(
                new Destination(Channel.SLACK, "#deploys"), new Destination(Channel.EMAIL, "team@example.com"));
        assertThat(subscriptions.destinationsFor(notice(Trigger.SYNC_FAILED, deploys, failures))).containsExactly(
                new Destination(Channel.SLACK, "#deploys"), new Destination(Channel.EMAIL, "team@example.com"),
                new Destination(Channel.SLACK, "#alerts"));
    }

    @Test
    void anApplicationWithoutAMatchingRuleHasNoDestination() {
        Subscriptions subscriptions = new Subscriptions(List.of());

        assertThat(subscriptions.destinationsFor(notice(Trigger.DEPLOYED,
                new NotifyRule(List.of("sync-failed"), "#alerts", null)))).isEmpty();
        assertThat(subscriptions.destinationsFor(notice(Trigger.DEPLOYED))).isEmpty();
    }

    @Test
    void configuredDefaultsAddToTheApplicationsRulesAndADestinationNamedTwiceIsToldOnce() {
        Subscriptions subscriptions = new Subscriptions(List.of(
                new NotifyRule(List.of("sync-failed"), "#ops", null),
                new NotifyRule(List.of("sync-failed"), "#deploys", null)));

        assertThat(subscriptions.destinationsFor(notice(Trigger.SYNC_FAILED,
                new NotifyRule(List.of("sync-failed"), "#deploys", null)))).containsExactly(
                new Destination(Channel.SLACK, "#deploys"), new Destination(Channel.SLACK, "#ops"));
    }

    @Test
    void triggerNamesMatchWhateverTheirCaseAndSurroundingBlanks() {
        assertThat(new Subscriptions(List.of()).destinationsFor(notice(Trigger.HEALTH_DEGRADED,
                new NotifyRule(List.of(" Health-Degraded "), "#deploys", null)))).hasSize(1);
    }
}
