package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class ReadApiIT extends ApplierIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIRST = "aaaaaaa111111111111111111111111111111111";
    private static final String SECOND = "bbbbbbb222222222222222222222222222222222";

    @TestHTTPResource("/")
    URI root;

    @Test
    void listsTheSyncedApplicationWithItsRevisionOutcomeHealthAndHistoryNewestFirst() throws Exception {
        Instant t = Instant.now();
        DriftDetected first = drift(FIRST, t, create(namespace(appId, ns)), create(configMap(appId, ns, "c", "k", "1")));
        DriftDetected second = drift(SECOND, t.plusSeconds(1), create(namespace(appId, ns)),
                create(configMap(appId, ns, "c", "k", "2")));
        assertThat(syncAndAwait(first).outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(syncAndAwait(second).outcome()).isEqualTo(SyncOutcome.SUCCEEDED);

        JsonNode app = findApp(get("api/v1/applications?limit=500"));
        assertThat(app).as("application %s in the list", appId).isNotNull();
        assertThat(app.path("revision").path("shortRevision").asText()).isEqualTo("bbbbbbb");
        assertThat(app.path("revision").path("full").asText()).isEqualTo(SECOND);
        assertThat(app.path("syncStatus").asText()).isEqualTo("Synced");
        assertThat(app.path("health").asText()).isEqualTo("healthy");
        JsonNode last = app.path("lastOperation");
        assertThat(last.path("id").asText()).isEqualTo(second.id());
        assertThat(last.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(last.path("trigger").asText()).isEqualTo("new-revision");
        assertThat(last.path("startedAt").asText()).isNotBlank();
        assertThat(last.path("finishedAt").asText()).isNotBlank();

        HttpResponse<String> history = get("api/v1/applications/" + appId + "/operations");
        assertThat(history.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(history.body());
        assertThat(body.path("limit").asInt()).isEqualTo(20);
        List<String> ids = new ArrayList<>();
        body.path("operations").forEach(o -> ids.add(o.path("id").asText()));
        assertThat(ids).containsExactly(second.id(), first.id());
        assertThat(JSON.readTree(get("api/v1/applications/" + appId + "/operations?limit=1").body())
                .path("operations")).hasSize(1);
    }

    @Test
    void showsOneOperationWithItsPerObjectResults() throws Exception {
        DriftDetected drift = drift(FIRST, Instant.now(), create(namespace(appId, ns)),
                create(configMap(appId, ns, "settings", "k", "v")));
        syncAndAwait(drift);

        HttpResponse<String> response = get("api/v1/operations/" + drift.id());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("operation").path("appId").asText()).isEqualTo(appId);
        assertThat(body.path("operation").path("author").asText()).isEqualTo("Ada Lovelace");
        assertThat(body.path("results")).hasSize(2);
        assertThat(body.path("results").get(1).path("ref").path("name").asText()).isEqualTo("settings");
        assertThat(body.path("results").get(1).path("code").asText()).isEqualTo("synced");
        assertThat(response.body()).doesNotContain("file://");
    }

    @Test
    void refusesABadLimitWithAJsonErrorNamingTheParameter() throws Exception {
        for (String limit : List.of("0", "201", "abc", "-5", "99999999999")) {
            HttpResponse<String> response = get("api/v1/applications/demo/web/operations?limit=" + limit);
            assertThat(response.statusCode()).as("limit=%s", limit).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("parameter").asText()).isEqualTo("limit");
            assertThat(error.path("error").asText()).contains("limit must be an integer from 1 to 200");
        }
        assertThat(get("api/v1/applications?limit=x").statusCode()).isEqualTo(400);
    }

    @Test
    void answersNotFoundForUnknownApplicationsAndOperationsAndNeverFailsOnHostileInput() throws Exception {
        HttpResponse<String> unknownOperation = get("api/v1/operations/00000000-0000-0000-0000-000000000000");
        assertThat(unknownOperation.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownOperation.body()).path("error").asText()).contains("no such operation");
        assertThat(get("api/v1/applications/demo/never-synced/operations").statusCode()).isEqualTo(404);

        String longSegment = "x".repeat(3000);
        for (String path : List.of("api/v1/operations/" + longSegment, "api/v1/operations/%27%3B%20drop",
                "api/v1/applications/" + longSegment + "/web/operations", "api/v1/applications/demo/%2E%2E/operations",
                "api/v1/applications/demo/w%20eb/operations", "api/v1/applications/demo/%00/operations",
                "api/v1/applications/demo/web%2Fx/operations")) {
            int status = get(path).statusCode();
            assertThat(status).as(path.length() > 80 ? path.substring(0, 80) : path).isIn(400, 404, 414);
        }
    }

    @Test
    void describesTheThreePathsInTheOpenApiDocument() throws Exception {
        HttpResponse<String> openapi = get("q/openapi");

        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/applications:", "/api/v1/applications/{source}/{name}/operations:",
                "/api/v1/operations/{operationId}:");
    }

    private JsonNode findApp(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode a : JSON.readTree(response.body()).path("applications")) {
            if (a.path("appId").asText().equals(appId)) {
                return a;
            }
        }
        return null;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
