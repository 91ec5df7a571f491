package io.lockstep.differ.kafka;

import io.lockstep.differ.reconcile.AppOwnership;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * Tracks the partitions of {@code lockstep.commits} this replica's consumer is assigned, and so which applications
 * it owns: an application is owned by the replica assigned the partition its commits go to (the key is the
 * application id, placed by Kafka's default partitioner). The consumer group gives each partition to exactly one
 * replica, so each application has exactly one owner; a single replica is assigned, and owns, everything.
 */
@ApplicationScoped
@Default // also the AppOwnership the reconciler injects: @Identifier alone would drop the default qualifier
@Identifier(CommitPartitions.NAME)
public class CommitPartitions implements KafkaConsumerRebalanceListener, AppOwnership {
    /** Referenced by {@code mp.messaging.incoming.commits.consumer-rebalance-listener.name}. */
    public static final String NAME = "lockstep-differ-commits";
    private static final Logger LOG = Logger.getLogger(CommitPartitions.class);

    private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
    private final Runnable onChange;
    private volatile int partitions;

    @Inject
    public CommitPartitions(Event<AppOwnership.Changed> changes) {
        this(() -> changes.fire(new AppOwnership.Changed()));
    }

    /** A tracker that calls {@code onChange} (on the consumer's thread: keep it short) after each rebalance. */
    public CommitPartitions(Runnable onChange) {
        this.onChange = onChange;
    }

    /** The partition Kafka's default partitioner gives a record keyed {@code key}, among {@code partitions}. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public boolean owns(String appId) {
        int count = partitions;
        return count > 0 && assigned.contains(partitionOf(appId, count));
    }

    /** The partitions assigned now, for logs and tests. */
    public Set<Integer> assigned() {
        return new TreeSet<>(assigned);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> added) {
        if (!added.isEmpty()) {
            // Asked at every assignment: partitions added to the topic change where keys go.
            String topic = added.iterator().next().topic();
            partitions = consumer.partitionsFor(topic).size();
        }
        // Cooperative assignors pass only the partitions added; eager ones the whole assignment after a revoke.
        added.forEach(p -> assigned.add(p.partition()));
        changed("assigned", added);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> removed) {
        removed.forEach(p -> assigned.remove(p.partition()));
        changed("revoked", removed);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
        lost.forEach(p -> assigned.remove(p.partition()));
        changed("lost", lost);
    }

    private void changed(String what, Collection<TopicPartition> which) {
        if (which.isEmpty()) {
            return;
        }
        LOG.infof("partitions %s: %s; this replica now owns the applications of partitions %s of %d", what,
                which.stream().map(TopicPartition::partition).sorted().toList(), assigned(), partitions);
        onChange.run();
    }
}
