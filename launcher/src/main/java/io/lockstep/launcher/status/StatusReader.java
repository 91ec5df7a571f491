package io.lockstep.launcher.status;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.AppInSync;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.launcher.LauncherException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The state of every application, folded from {@code lockstep.drift} and {@code lockstep.sync-results} read from the
 * beginning with a plain consumer (no group, nothing committed): the source of {@code lockstep status} when the
 * applier's read API does not answer, and of the demo's closing status view (it also shows refused commits).
 */
public final class StatusReader {
    private StatusReader() {
    }

    public static List<AppStatus> read(String bootstrapServers, Duration timeout) {
        List<LockstepEvent> events = new ArrayList<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.DRIFT, Topics.SYNC_RESULTS)) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (!caughtUp(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new LauncherException("could not read the whole history from Kafka at " + bootstrapServers
                            + " within " + timeout.toSeconds() + " s: try again, or pass --timeout");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        events.add(EventCodec.decode(record.headers(), record.value()));
                    } catch (RuntimeException e) {
                        // Not a Lockstep event (or a newer version of one): it says nothing about status.
                    }
                }
            }
        } catch (KafkaException e) {
            throw new LauncherException("cannot read from Kafka at " + bootstrapServers + " (" + e.getMessage()
                    + "): is the stack running? (./lockstep up)");
        }
        return fold(events);
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Folds events (any order across topics) into one status per application, by event time. */
    public static List<AppStatus> fold(List<LockstepEvent> events) {
        Map<String, AppStatus> apps = new TreeMap<>();
        events.stream().sorted(Comparator.comparing(LockstepEvent::time)).forEach(event -> {
            AppStatus current = apps.getOrDefault(event.appId(),
                    new AppStatus(event.appId(), null, "Unknown", "unknown", null, null, null, null, null));
            AppStatus next = apply(current, event);
            if (next != null) {
                apps.put(event.appId(), next);
            }
        });
        return List.copyOf(apps.values());
    }

    private static AppStatus apply(AppStatus s, LockstepEvent event) {
        if (event instanceof DriftDetected d) {
            return new AppStatus(s.app(), d.commit().shortRevision(), "OutOfSync", s.health(), s.lastOperation(),
                    s.lastOperationOutcome(), s.lastOperationAt(), d.plan().size() + " object(s) to change ("
                    + d.reason() + ")", d.time());
        }
        if (event instanceof AppInSync a) {
            return new AppStatus(s.app(), a.commit().shortRevision(), "Synced", s.health(), s.lastOperation(),
                    s.lastOperationOutcome(), s.lastOperationAt(), a.objects() + " object(s) in sync", a.time());
        }
        if (event instanceof RenderFailed r) {
            return new AppStatus(s.app(), r.commit().shortRevision(), "RenderFailed", s.health(), s.lastOperation(),
                    s.lastOperationOutcome(), s.lastOperationAt(), r.location() + ": " + r.message(), r.time());
        }
        if (event instanceof SyncCompleted c) {
            if (c.outcome() == SyncOutcome.SUPERSEDED) {
                return new AppStatus(s.app(), s.revision(), s.sync(), s.health(), c.trigger(), "superseded",
                        c.finishedAt(), s.message(), c.time());
            }
            boolean rollback = "rollback".equals(c.trigger());
            String sync = c.outcome() == SyncOutcome.FAILED ? "SyncFailed" : rollback ? "OutOfSync" : "Synced";
            // A rollback pushes a revert commit: the sync of that commit follows and says how the cluster looks.
            String health = rollback ? s.health() : c.health().name().toLowerCase();
            String message = c.error() != null ? c.error() : c.results().size() + " object(s) " + (rollback
                    ? "to revert" : "synced");
            return new AppStatus(s.app(), c.commit().shortRevision(), sync, health, c.trigger(),
                    c.outcome().name().toLowerCase(), c.finishedAt(), message, c.time());
        }
        return null;
    }
}
