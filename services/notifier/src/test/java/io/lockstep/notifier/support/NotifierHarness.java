package io.lockstep.notifier.support;

import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.TestProducer;
import io.lockstep.testsupport.slack.SlackMessage;
import io.lockstep.testsupport.slack.SlackStub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every notifier IT shares: a producer onto the real broker, a collector of lockstep.notifications, the Slack
 * stand-in and the SMTP server. Each IT class carries the same four test resources with
 * {@code scope = MATCHING_RESOURCES}, so the application starts once for all of them.
 */
public abstract class NotifierHarness {
    protected TestProducer producer;
    protected EventCollector notifications;

    @BeforeEach
    void openKafka() {
        producer = new TestProducer(KafkaBroker.bootstrapServers());
        notifications = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.NOTIFICATIONS);
    }

    @AfterEach
    void closeKafka() {
        notifications.close();
        producer.close();
    }

    protected static SlackStub slack() {
        return SlackStubResource.stub();
    }

    /** Accepted Slack messages whose fallback text names this application. */
    protected static List<SlackMessage> slackMessagesAbout(String appId) {
        return slack().messages().stream().filter(m -> m.text().contains(appId + " ")).toList();
    }

    protected List<NotificationDelivered> deliveriesOf(String appId) {
        return notifications.events(NotificationDelivered.class, d -> d.appId().equals(appId));
    }

    /** Waits until {@code count} outcomes of this application are on lockstep.notifications, and returns them. */
    protected List<NotificationDelivered> awaitDeliveries(String appId, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> deliveriesOf(appId), list -> list.size() >= count);
    }
}
