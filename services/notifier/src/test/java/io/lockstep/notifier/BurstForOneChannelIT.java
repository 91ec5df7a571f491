package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.model.AppSpec;
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
import io.lockstep.testsupport.slack.SlackMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BurstForOneChannelIT extends NotifierHarness {
    private static final int APPS = 4;
    private static final int COMMITS_PER_APP = 50;
    private static final Pattern STEP = Pattern.compile(": step (\\d+) ");

    @Test
    void twoHundredEventsForOneChannelAreAllDeliveredInOrderPerApplicationAndNoneTwice() {
        String channel = "#burst-" + Events.uniqueApp("c");
        List<AppSpec> apps = IntStream.range(0, APPS).mapToObj(i -> Events.app(Events.uniqueApp("burst"),
                new NotifyRule(List.of("deployed"), channel, null))).toList();

        for (int step = 0; step < COMMITS_PER_APP; step++) {
            for (AppSpec app : apps) {
                producer.send(Events.deployed(app, Events.commit("step " + step)));
            }
        }

        List<NotificationDelivered> delivered = await().atMost(Duration.ofSeconds(180))
                .until(() -> notifications.events(NotificationDelivered.class,
                        d -> d.destination().equals(channel)), list -> list.size() >= APPS * COMMITS_PER_APP);
        assertThat(delivered).hasSize(APPS * COMMITS_PER_APP)
                .allSatisfy(d -> assertThat(d.outcome()).isEqualTo(DeliveryOutcome.SENT));
        for (AppSpec app : apps) {
            List<SlackMessage> messages = slackMessagesAbout("demo/" + app.name());
            assertThat(steps(messages)).as("demo/%s: every step once, in commit order", app.name())
                    .containsExactlyElementsOf(IntStream.range(0, COMMITS_PER_APP).boxed().toList());
        }
    }

    private static List<Integer> steps(List<SlackMessage> messages) {
        List<Integer> steps = new ArrayList<>();
        for (SlackMessage message : messages) {
            Matcher matcher = STEP.matcher(message.text());
            assertThat(matcher.find()).as(message.text()).isTrue();
            steps.add(Integer.parseInt(matcher.group(1)));
        }
        return steps;
    }
}
