package io.lockstep.contracts.kafka;

import io.lockstep.contracts.Topics;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Lockstep's topics when they are absent, with the configured partition count (which bounds how many
 * replicas of a stage can share the work) and replication factor. Existing topics are left as they are.
 */
public final class TopicProvisioner {
    public static final int DEFAULT_PARTITIONS = 12;

    private TopicProvisioner() {
    }

    public static void ensureTopics(String bootstrapServers, int partitions, short replicationFactor) {
        ensureTopics(bootstrapServers, Topics.ALL, partitions, replicationFactor, Map.of());
    }

    public static void ensureTopics(String bootstrapServers, Collection<String> topics, int partitions,
            short replicationFactor, Map<String, Object> clientConfig) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, replicationFactor))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Another replica may have created them between our listing and our request: that is success.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot create Kafka topics on " + bootstrapServers + ": "
                    + cause.getMessage(), cause);
        }
    }
}
