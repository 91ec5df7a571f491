package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.HttpCheck;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class HttpHealthCheckIT extends ApplierIT {
    HttpServer server;
    final AtomicInteger healthzCalls = new AtomicInteger();
    final AtomicInteger brokenCalls = new AtomicInteger();

    @BeforeEach
    void startEndpoint() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Fails twice (the new version is still warming up), then passes.
        server.createContext("/healthz", exchange -> {
            exchange.sendResponseHeaders(healthzCalls.incrementAndGet() <= 2 ? 503 : 200, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            brokenCalls.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopEndpoint() {
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void aSyncIsHealthyOnceTheDeclaredHttpCheckPassesWithinItsRetries() {
        SyncCompleted result = syncAndAwait(drift("6a6a6a6a6a6a6a6a6a6a6a6a6a6a6a6a6a6a6a6a", Instant.now(),
                app(automated(true, false), Duration.ofSeconds(20), null,
                        List.of(new HttpCheck(url("/healthz"), 200, 3, Duration.ofMillis(100)))),
                create(namespace(appId, ns)), create(configMap(appId, ns, "cfg", "k", "v"))));

        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(result.health()).isEqualTo(Health.HEALTHY);
        assertThat(result.error()).isNull();
        assertThat(healthzCalls).hasValue(3);
    }

    @Test
    void aCheckThatNeverPassesMakesTheSyncDegradedAndSaysWhy() {
        SyncCompleted result = syncAndAwait(drift("6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b", Instant.now(),
                app(automated(true, false), Duration.ofSeconds(20), null,
                        List.of(new HttpCheck(url("/broken"), 200, 2, Duration.ofMillis(100)))),
                create(namespace(appId, ns)), create(configMap(appId, ns, "cfg", "k", "v"))));

        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(result.health()).isEqualTo(Health.DEGRADED);
        assertThat(result.error()).isEqualTo("HTTP check GET " + url("/broken")
                + " failed 3 time(s): expected HTTP 200, got 500");
        assertThat(brokenCalls).hasValue(3);
    }
}
