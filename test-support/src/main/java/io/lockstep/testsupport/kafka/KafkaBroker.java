package io.lockstep.testsupport.kafka;

import io.lockstep.contracts.kafka.TopicProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller) started from Maven artifacts inside the test
 * JVM, once per JVM, on a random free port. No Docker engine is needed.
 */
public final class KafkaBroker {
    /** Partitions of the test topics: more than one, so ordering by key is really exercised, but cheap to create. */
    public static final int TEST_PARTITIONS = 3;

    private static KafkaClusterTestKit cluster;
    private static String bootstrapServers;

    private KafkaBroker() {
    }

    /** Starts the broker if it is not running yet, creates Lockstep's topics, and returns its bootstrap servers. */
    public static synchronized String start() {
        if (bootstrapServers != null) {
            return bootstrapServers;
        }
        try {
            Path dir = Files.createTempDirectory("lockstep-kafka");
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dir)
                    .build())
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", String.valueOf(TEST_PARTITIONS))
                    .setDeleteOnClose(true)
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            cluster = kit;
            bootstrapServers = kit.bootstrapServers();
            TopicProvisioner.ensureTopics(bootstrapServers, TEST_PARTITIONS, (short) 1);
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaBroker::stop, "kafka-broker-stop"));
            return bootstrapServers;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test Kafka broker: " + e.getMessage(), e);
        }
    }

    public static synchronized String bootstrapServers() {
        return start();
    }

    static synchronized void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // The JVM is exiting; a broker that fails to close leaves only temporary files behind.
            }
            cluster = null;
            bootstrapServers = null;
        }
    }
}
