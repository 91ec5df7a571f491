package io.lockstep.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.RefreshRequested;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class KafkaBrokerIT {

    @Test
    void startsOneRealBrokerPerJvmWithEveryLockstepTopic() throws Exception {
        String servers = KafkaBroker.start();
        assertThat(KafkaBroker.start()).isEqualTo(servers);
        try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).containsAll(Topics.ALL);
        }
    }

    @Test
    void eventsTravelKeyedByApplicationWithCloudEventHeaders() {
        String servers = KafkaBroker.start();
        RefreshRequested event = new RefreshRequested(EventIds.of(EventType.REFRESH_REQUESTED, "demo/web", "1"),
                "demo/web", "alice", Instant.now());
        try (EventCollector collector = EventCollector.open(servers, Topics.COMMANDS);
                TestProducer producer = new TestProducer(servers)) {
            producer.send(event);
            producer.sendRaw(Topics.COMMANDS, "demo/web", "not json".getBytes(StandardCharsets.UTF_8),
                    "ce_type", EventType.REFRESH_REQUESTED.ceType());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(collector.events(RefreshRequested.class)).containsExactly(event);
                assertThat(collector.undecodable()).hasSize(1);
            });
            ReceivedEvent received = collector.received().get(0);
            assertThat(received.key()).isEqualTo("demo/web");
            assertThat(received.headers()).containsEntry("ce_type", "io.lockstep.command.refresh.v1")
                    .containsEntry("ce_id", event.id())
                    .containsEntry("ce_specversion", "1.0");
        }
    }
}
