package io.lockstep.differ.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.testsupport.kafka.KafkaBroker;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two differ replicas as two consumers of one group on the real broker, each with its own {@link CommitPartitions}:
 * every application is owned by exactly one of them, the one whose partition the producer's default partitioner
 * puts the application's commits in; when one replica leaves, the other owns everything.
 */
class CommitPartitionOwnershipIT {
    private static final int PARTITIONS = 6;
    private static final List<String> APPS = IntStream.range(0, 60).mapToObj(i -> "demo/app-" + i).toList();
    private static String bootstrap;
    private static String topic;

    @BeforeAll
    static void topic() throws Exception {
        bootstrap = KafkaBroker.start();
        topic = "ownership-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
    }

    @Test
    void eachApplicationIsOwnedByExactlyOneReplicaTheOneItsCommitsGoTo() {
        String group = "differ-" + UUID.randomUUID();
        AtomicInteger changes = new AtomicInteger();
        CommitPartitions first = new CommitPartitions(changes::incrementAndGet);
        CommitPartitions second = new CommitPartitions(changes::incrementAndGet);
        Map<String, Integer> partitionOfApp = sendOneRecordPerApp();

        try (KafkaConsumer<String, String> a = consumer(group, first);
                KafkaConsumer<String, String> b = consumer(group, second)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                a.poll(Duration.ofMillis(100));
                b.poll(Duration.ofMillis(100));
                return !first.assigned().isEmpty() && !second.assigned().isEmpty()
                        && first.assigned().size() + second.assigned().size() == PARTITIONS;
            });

            for (String app : APPS) {
                assertThat(first.owns(app) ^ second.owns(app)).as("%s has exactly one owner", app).isTrue();
                CommitPartitions owner = first.owns(app) ? first : second;
                assertThat(owner.assigned()).as("%s is owned where its commits go", app)
                        .contains(partitionOfApp.get(app));
                assertThat(CommitPartitions.partitionOf(app, PARTITIONS)).isEqualTo(partitionOfApp.get(app));
            }
            assertThat(APPS).filteredOn(first::owns).isNotEmpty();
            assertThat(APPS).filteredOn(second::owns).isNotEmpty();
            assertThat(changes).as("each rebalance is announced").hasPositiveValue();

            b.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                a.poll(Duration.ofMillis(100));
                return first.assigned().size() == PARTITIONS;
            });
            assertThat(APPS).as("a single replica owns everything").allMatch(first::owns);
        }
    }

    /** Commits keyed by application id, as the repo-watcher sends them; returns where each one landed. */
    private static Map<String, Integer> sendOneRecordPerApp() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Map<String, Integer> partitions = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (String app : APPS) {
                partitions.put(app, producer.send(new ProducerRecord<>(topic, app, "commit")).get().partition());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return partitions;
    }

    private static KafkaConsumer<String, String> consumer(String group, CommitPartitions partitions) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        // The SmallRye connector hands its listener the consumer the same way.
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> added) {
                partitions.onPartitionsAssigned(consumer, added);
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> removed) {
                partitions.onPartitionsRevoked(consumer, removed);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> lost) {
                partitions.onPartitionsLost(consumer, lost);
            }
        });
        return consumer;
    }
}
