package io.lockstep.support.kafka;

import io.lockstep.contracts.kafka.TopicProvisioner;
import io.lockstep.contracts.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Ensures Lockstep's topics exist before the service consumes or produces, with the configured partition count
 * ({@code lockstep.kafka.partitions}, default 12) and replication factor ({@code lockstep.kafka.replication-factor},
 * default 1 on one machine; use 3 in production). It connects with the same client settings as the service's Kafka
 * channels (the {@code kafka.*} configuration: TLS, SASL), so it works against secured listeners too.
 */
@ApplicationScoped
public class KafkaTopicsStartup {
    private static final Logger LOG = Logger.getLogger(KafkaTopicsStartup.class);

    private final String bootstrapServers;
    private final int partitions;
    private final short replicationFactor;
    private final boolean enabled;
    private final Map<String, Object> clientConfig;

    public KafkaTopicsStartup(@Identifier("default-kafka-broker") Map<String, Object> clientConfig,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "lockstep.kafka.partitions", defaultValue = "12") int partitions,
            @ConfigProperty(name = "lockstep.kafka.replication-factor", defaultValue = "1") short replicationFactor,
            @ConfigProperty(name = "lockstep.kafka.create-topics", defaultValue = "true") boolean enabled) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.enabled = enabled;
        this.clientConfig = new HashMap<>(clientConfig);
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (!enabled) {
            return;
        }
        TopicProvisioner.ensureTopics(bootstrapServers, Topics.ALL, partitions, replicationFactor, adminConfig());
        LOG.debugf("Kafka topics present on %s (%d partitions when created)", bootstrapServers, partitions);
    }

    /** The connection and security settings of the channels' Kafka client; serializers and the like do not apply. */
    private Map<String, Object> adminConfig() {
        Map<String, Object> admin = new HashMap<>();
        clientConfig.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.equals("client.dns.lookup")) {
                admin.put(key, value);
            }
        });
        return admin;
    }
}
