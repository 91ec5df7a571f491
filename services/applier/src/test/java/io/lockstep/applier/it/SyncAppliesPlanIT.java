package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.deployment;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static io.lockstep.applier.fixtures.Manifests.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class SyncAppliesPlanIT extends ApplierIT {
    @TestHTTPResource("/q/metrics")
    URI metrics;

    @Test
    void createsThePlannedObjectsByServerSideApplyAndAnnouncesAHealthySync() throws Exception {
        JsonNode nsObject = namespace(appId, ns);
        JsonNode cm = configMap(appId, ns, "web-config", "greeting", "hello");
        JsonNode svc = service(appId, ns, "web");
        JsonNode web = deployment(appId, ns, "web", "nginx:1.27");
        DriftDetected drift = drift("1111111111111111111111111111111111111111", Instant.now(),
                create(web), create(svc), create(cm), create(nsObject));

        SyncCompleted result = syncAndAwait(drift);

        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(result.health()).isEqualTo(Health.HEALTHY);
        assertThat(result.trigger()).isEqualTo(DriftDetected.NEW_REVISION);
        assertThat(result.commit().author()).isEqualTo("Ada Lovelace");
        assertThat(result.results()).extracting(r -> r.ref().kind())
                .containsExactly("Namespace", "ConfigMap", "Service", "Deployment");
        assertThat(result.results()).extracting(ObjectResult::code).containsOnly(ResultCode.SYNCED);
        for (JsonNode manifest : List.of(nsObject, cm, svc, web)) {
            JsonNode live = live(manifest);
            assertThat(live).as("%s exists", manifest.path("kind")).isNotNull();
            List<String> managers = new ArrayList<>();
            live.path("metadata").path("managedFields").forEach(f -> managers.add(f.path("manager").asText()));
            assertThat(managers).as("field managers of %s", manifest.path("kind")).contains("lockstep");
        }
        assertThat(live(cm).path("data").path("greeting").asText()).isEqualTo("hello");

        // The announcement is recorded right after the broker acknowledged it, so possibly after we received it.
        await().atMost(WAIT).untilAsserted(() -> assertThat(historyRow(drift.id())).containsEntry("announced", true));
        Map<String, Object> row = historyRow(drift.id());
        assertThat(row).containsEntry("app_id", appId).containsEntry("status", "completed")
                .containsEntry("outcome", "succeeded").containsEntry("health", "healthy")
                .containsEntry("trigger_reason", "new-revision").containsEntry("author", "Ada Lovelace")
                .containsEntry("plan_summary", "4 create");
        assertThat((String) row.get("results")).contains("\"synced\"", "web-config");

        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.body()).contains("lockstep_applier_sync_duration_seconds_count{health=\"healthy\","
                + "outcome=\"succeeded\"", "lockstep_applier_objects_applied_total",
                "lockstep_applier_health_transitions_total{from=\"unknown\",to=\"healthy\"}");
    }

    @Test
    void leavesTheDriftOfAnApplicationThatIsNotAutomatedToPeople() {
        JsonNode manual = configMap(appId, ns, "manual", "k", "v");
        DriftDetected notAutomated = drift("2222222222222222222222222222222222222222", Instant.now(),
                new SyncPolicy(false, true, true, false), Duration.ofSeconds(5), create(namespace(appId, ns)),
                create(manual));
        DriftDetected automated = drift("3333333333333333333333333333333333333333", Instant.now().plusSeconds(1),
                create(namespace(appId, ns)), create(configMap(appId, ns, "auto", "k", "v")));

        producer.send(notAutomated);
        // Same application, same partition: once the second result is out, the first drift was handled.
        syncAndAwait(automated);

        assertThat(results.events(SyncCompleted.class, r -> r.operationId().equals(notAutomated.id()))).isEmpty();
        assertThat(live(manual)).isNull();
    }
}
