package io.lockstep.notifier;

import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.contracts.model.NotifyRule;
import io.lockstep.contracts.serde.LockstepEventSerializer;
import io.lockstep.notifier.support.Events;
import io.lockstep.notifier.support.GreenMailResource;
import io.lockstep.notifier.support.NotifierHarness;
import io.lockstep.notifier.support.SlackStubResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Deliveries per second through the whole notifier (Kafka in, dedup claim and record in PostgreSQL, Slack webhook
 * call to the local SlackStub, NotificationDelivered out and acknowledged), then the same events again (every one a
 * duplicate: suppressed). Not part of the test suite (no *Test / *IT suffix); run it with
 * {@code mvn -B -o test -pl services/notifier -Dtest=DeliveryThroughputBenchmark -Dbenchmark.events=1000}.
 * Prints the figures; asserts nothing about timing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeliveryThroughputBenchmark extends NotifierHarness {
    @Test
    void deliveriesPerSecondToALocalSlackWithDedupOn() {
        int events = Integer.getInteger("benchmark.events", 1000);
        int appCount = Integer.getInteger("benchmark.apps", 100);
        String channel = "#bench-" + Events.uniqueApp("c");
        List<AppSpec> apps = IntStream.range(0, appCount).mapToObj(i -> Events.app(Events.uniqueApp("bench"),
                new NotifyRule(List.of("deployed"), channel, null))).toList();
        // Warm the JIT on the delivery path first: the first few hundred deliveries run interpreted.
        List<SyncCompleted> warmUp = build(apps, Integer.getInteger("benchmark.warmup", 1000));
        run(warmUp, channel, DeliveryOutcome.SENT);

        List<SyncCompleted> batch = build(apps, events);
        double sent = run(batch, channel, DeliveryOutcome.SENT);
        double suppressed = run(batch, channel, DeliveryOutcome.SUPPRESSED);

        System.out.printf(Locale.ROOT, "%nnotifier benchmark: %d events, %d applications, one Slack channel%n",
                events, appCount);
        System.out.printf(Locale.ROOT, "  delivered (new, sent to SlackStub):  %.0f deliveries/s%n", sent);
        System.out.printf(Locale.ROOT, "  redelivered (duplicates, suppressed): %.0f deliveries/s%n%n", suppressed);
    }

    private static KafkaProducer<String, LockstepEvent> fastProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(LockstepEventSerializer.SOURCE_CONFIG, "/lockstep/benchmark");
        return new KafkaProducer<>(props, new StringSerializer(), new LockstepEventSerializer());
    }

    private static List<SyncCompleted> build(List<AppSpec> apps, int events) {
        List<SyncCompleted> out = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            out.add(Events.deployed(apps.get(i % apps.size()), Events.commit("bench " + i)));
        }
        return out;
    }

    /**
     * Sends the events (without waiting for each ack: the test's own producer would otherwise be the bottleneck) and
     * waits for as many outcomes; returns outcomes per second.
     */
    private double run(List<SyncCompleted> batch, String channel, DeliveryOutcome outcome) {
        notifications.clear();
        long started = System.nanoTime();
        try (KafkaProducer<String, LockstepEvent> fast = fastProducer()) {
            batch.forEach(event -> fast.send(new ProducerRecord<>(Topics.SYNC_RESULTS, event.appId(), event)));
            fast.flush();
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> notifications.events(NotificationDelivered.class,
                        d -> d.destination().equals(channel) && d.outcome() == outcome).size() >= batch.size());
        double seconds = (System.nanoTime() - started) / 1e9;
        return batch.size() / seconds;
    }
}
