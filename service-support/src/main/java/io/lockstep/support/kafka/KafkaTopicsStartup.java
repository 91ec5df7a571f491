package io.lockstep.support.kafka;

import io.lockstep.contracts.kafka.TopicProvisioner;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Ensures Lockstep's topics exist before the service consumes or produces, with the configured partition count
 * ({@code lockstep.kafka.partitions}, default 12) and replication factor ({@code lockstep.kafka.replication-factor},
 * default 1 on one machine; use 3 in production).
 */
@ApplicationScoped
public class KafkaTopicsStartup {
    private static final Logger LOG = Logger.getLogger(KafkaTopicsStartup.class);

    private final String bootstrapServers;
    private final int partitions;
    private final short replicationFactor;
    private final boolean enabled;

    public KafkaTopicsStartup(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "lockstep.kafka.partitions", defaultValue = "12") int partitions,
            @ConfigProperty(name = "lockstep.kafka.replication-factor", defaultValue = "1") short replicationFactor,
            @ConfigProperty(name = "lockstep.kafka.create-topics", defaultValue = "true") boolean enabled) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.enabled = enabled;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (!enabled) {
            return;
        }
        TopicProvisioner.ensureTopics(bootstrapServers, partitions, replicationFactor);
        LOG.debugf("Kafka topics present on %s (%d partitions when created)", bootstrapServers, partitions);
    }
}
