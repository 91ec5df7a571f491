package io.lockstep.testsupport.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the real test broker: {@code @WithTestResource(KafkaBrokerResource.class)}.
 * The broker lives for the whole JVM, so test classes share it.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        String servers = KafkaBroker.start();
        return Map.of("kafka.bootstrap.servers", servers,
                "lockstep.kafka.partitions", String.valueOf(KafkaBroker.TEST_PARTITIONS));
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped by a shutdown hook.
    }
}
