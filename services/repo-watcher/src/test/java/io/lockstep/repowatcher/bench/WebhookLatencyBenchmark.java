package io.lockstep.repowatcher.bench;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.TestRepo;
import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.repowatcher.support.Webhooks;
import io.lockstep.repowatcher.webhook.WebhookProvider;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Webhook-triggered commit → {@code CommitObserved} on the real broker, measured over many commits: p50, p95 and
 * max, printed. Not part of the test suite (its name matches no surefire include, and it asserts no timing). Run:
 *
 * <pre>
 * mvn -B -o verify -pl services/repo-watcher -Dtest=WebhookLatencyBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.commits=50] [-Dbench.debounce=50ms]
 * </pre>
 *
 * Each round pushes a one-file commit (file transport), then sends GitHub's signed push webhook and waits, on a
 * consumer of its own polling every few milliseconds, for the commit's {@code CommitObserved}. The source uses the
 * default debounce window (250 ms) unless {@code -Dbench.debounce} says otherwise; the window is part of what is
 * measured.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class WebhookLatencyBenchmark {
    private static final String SOURCE = WatcherSourcesResource.BENCH;

    @TestHTTPResource("/")
    URL base;

    @Test
    void measureWebhookToCommitObserved() throws Exception {
        int commits = Integer.getInteger("bench.commits", 50);
        int warmup = 5;
        List<Long> webhookToObserved = new ArrayList<>();
        List<Long> commitToObserved = new ArrayList<>();
        try (TestRepo repo = TestRepo.of(SOURCE); KafkaConsumer<String, byte[]> consumer = consumer()) {
            repo.write("lockstep.yaml", Manifests.lockstepYaml("web"));
            for (int i = 0; i < warmup + commits; i++) {
                long commitStart = System.nanoTime();
                String sha = repo.write("apps/web/cm.yaml", Manifests.configMap("web", "round " + i))
                        .commit("Round " + i);
                byte[] body = Webhooks.pushPayload(WebhookProvider.GITHUB, "refs/heads/main", sha);
                long sent = System.nanoTime();
                int status = Webhooks.post(base.toURI(), SOURCE, Webhooks.pushHeaders(WebhookProvider.GITHUB, body,
                        WatcherSourcesResource.WEBHOOK_SECRET), body).statusCode();
                if (status != 202) {
                    throw new IllegalStateException("webhook answered " + status);
                }
                long observed = awaitObserved(consumer, sha);
                if (i >= warmup) {
                    webhookToObserved.add(observed - sent);
                    commitToObserved.add(observed - commitStart);
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "WebhookLatencyBenchmark: %d commits (after %d warm-up), debounce %s, "
                + "file transport, in-JVM KRaft broker%n", commits, warmup,
                System.getProperty("bench.debounce", "250ms (default)"));
        report("webhook sent -> CommitObserved consumed", webhookToObserved);
        report("commit+push started -> CommitObserved consumed", commitToObserved);
        System.out.println();
    }

    private static long awaitObserved(KafkaConsumer<String, byte[]> consumer, String sha) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(2))) {
                LockstepEvent event = EventCodec.decode(record.headers(), record.value());
                if (event instanceof CommitObserved c && c.source().equals(SOURCE)
                        && c.commit().revision().equals(sha)) {
                    return System.nanoTime();
                }
            }
        }
        throw new IllegalStateException("no CommitObserved for " + sha + " within 30 s");
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "1");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMITS).stream()
                .map(p -> new TopicPartition(Topics.COMMITS, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "  %-48s p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms%n", what,
                ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(sorted.get(sorted.size() - 1)));
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
