package io.lockstep.differ.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.AppInSync;
import io.lockstep.contracts.events.AppRemoved;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.DriftEvent;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.IgnoreDifference;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.SourceFile;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kafka.ReceivedEvent;
import io.lockstep.testsupport.kafka.TestProducer;
import io.lockstep.testsupport.kube.InjectKubeApiEmulator;
import io.lockstep.testsupport.kube.KubeApiEmulator;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The differ as it runs: a real Kafka broker, a real PostgreSQL, and the project's Kubernetes API emulator (fabric8's
 * CRUD emulator taught server-side apply) standing in for the cluster. The test plays the applier's part by creating the planned objects in the emulator.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
class DifferPipelineIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @InjectKubeApiEmulator
    KubeApiEmulator emulator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    private TestProducer producer;
    private EventCollector collector;

    @BeforeEach
    void open() {
        producer = new TestProducer(bootstrap);
        collector = EventCollector.open(bootstrap, Topics.DRIFT, Topics.DLQ_DIFFER);
    }

    @AfterEach
    void close() {
        collector.close();
        producer.close();
    }

    @Test
    void newCommitPlansACreateForEveryObject() {
        String app = "demo/create";
        producer.send(commit(app, "create", "r1", files("create", true)));

        DriftDetected drift = awaitResult(app, "r1", DriftDetected.class);

        assertThat(drift.reason()).isEqualTo(DriftDetected.NEW_REVISION);
        assertThat(drift.id()).isEqualTo(EventIds.of(EventType.DRIFT_DETECTED, app, "r1", "new-revision"));
        assertThat(drift.plan()).extracting(c -> c.ref().kind(), PlannedChange::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ConfigMap", ChangeAction.CREATE),
                org.assertj.core.groups.Tuple.tuple("Deployment", ChangeAction.CREATE),
                org.assertj.core.groups.Tuple.tuple("Service", ChangeAction.CREATE));
        JsonNode deployment = drift.plan().get(1).desired();
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("create");
        assertThat(deployment.at("/metadata/annotations/lockstep.io~1app").asText()).isEqualTo(app);
        assertThat(deployment.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("lockstep");
        assertThat(receivedFor(app)).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(app);
            assertThat(r.headers()).containsEntry("ce_source", "/lockstep/differ");
        });
    }

    @Test
    void commitMatchingTheLiveObjectsIsInSyncAndItsStateIsRemembered() throws Exception {
        String app = "demo/insync";
        producer.send(commit(app, "insync", "r1", files("insync", true)));
        applyPlan(awaitResult(app, "r1", DriftDetected.class));

        producer.send(commit(app, "insync", "r2", files("insync", true)));

        AppInSync inSync = awaitResult(app, "r2", AppInSync.class);
        assertThat(inSync.objects()).isEqualTo(3);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(storedRevision(app)).isEqualTo("r2"));
        assertThat(get(metrics)).contains("lockstep_differ_diff_duration_seconds_bucket",
                "lockstep_differ_objects_compared_total", "lockstep_differ_drift_total{reason=\"new-revision\"",
                "lockstep_differ_in_sync_total", "lockstep_differ_informer_cache_size", "lockstep_differ_informers");
    }

    private static String get(URL url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(url.toURI()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void changedImageIsAnUpdateWithAReadableDiff() {
        String app = "demo/update";
        producer.send(commit(app, "update", "r1", files("update", true)));
        applyPlan(awaitResult(app, "r1", DriftDetected.class));

        Map<String, String> changed = files("update", true);
        changed.put("deployment.yaml", changed.get("deployment.yaml").replace("nginx:1.27", "nginx:1.28"));
        producer.send(commit(app, "update", "r2", changed));

        DriftDetected drift = awaitResult(app, "r2", DriftDetected.class);
        assertThat(drift.plan()).extracting(PlannedChange::action)
                .containsExactly(ChangeAction.NONE, ChangeAction.UPDATE, ChangeAction.NONE);
        assertThat(drift.plan().get(1).diff())
                .contains("@@ spec.template.spec.containers[name=web].image @@", "-nginx:1.27", "+nginx:1.28");
    }

    @Test
    void labelRemovedFromTheRepositoryIsAnUpdateUntilTheApplyRemovesIt() {
        String app = "demo/unlabel";
        producer.send(commit(app, "unlabel", "r1", files("unlabel", true)));
        applyPlan(awaitResult(app, "r1", DriftDetected.class));

        Map<String, String> unlabelled = files("unlabel", true);
        unlabelled.put("deployment.yaml", unlabelled.get("deployment.yaml").replace("  labels: {app: web}\nspec:",
                "spec:"));
        producer.send(commit(app, "unlabel", "r2", unlabelled));

        DriftDetected drift = awaitResult(app, "r2", DriftDetected.class);
        assertThat(drift.plan()).extracting(PlannedChange::action)
                .containsExactly(ChangeAction.NONE, ChangeAction.UPDATE, ChangeAction.NONE);
        assertThat(drift.plan().get(1).diff()).contains("@@ metadata.labels.app @@\n-web\n")
                .doesNotContain("+web");
        TestApps.apply(emulator.client(), drift);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(emulator.client().apps().deployments()
                .inNamespace("unlabel").withName("web").get().getMetadata().getLabels()).doesNotContainKey("app"));

        producer.send(commit(app, "unlabel", "r3", unlabelled));
        awaitResult(app, "r3", AppInSync.class);
    }

    @Test
    void ignoreDifferencesOfTheApplicationLeaveItsFieldsOutOfTheDiff() {
        String app = "demo/hpa";
        AppSpec spec = new AppSpec("hpa", "apps/hpa", new Target("in-cluster", "hpa"),
                new SyncPolicy(true, true, true, false), null, null, List.of(new IgnoreDifference("apps",
                        "Deployment", null, "hpa", List.of("/spec/replicas"))), null, null);
        producer.send(commit(app, spec, "r1", files("hpa", true)));
        applyPlan(awaitResult(app, "r1", DriftDetected.class));
        emulator.client().apps().deployments().inNamespace("hpa").withName("web").edit(d -> {
            d.getSpec().setReplicas(7);
            return d;
        });

        producer.send(commit(app, spec, "r2", files("hpa", true)));

        awaitResult(app, "r2", AppInSync.class);
    }

    @Test
    void fileRemovedFromTheRepositoryIsPlannedForPrune() {
        String app = "demo/prune";
        producer.send(commit(app, "prune", "r1", files("prune", true)));
        applyPlan(awaitResult(app, "r1", DriftDetected.class));

        producer.send(commit(app, "prune", "r2", files("prune", false)));

        DriftDetected drift = awaitResult(app, "r2", DriftDetected.class);
        assertThat(drift.plan()).extracting(c -> c.ref().toString(), PlannedChange::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Deployment prune/web", ChangeAction.NONE),
                org.assertj.core.groups.Tuple.tuple("Service prune/web", ChangeAction.NONE),
                org.assertj.core.groups.Tuple.tuple("ConfigMap prune/web-settings", ChangeAction.PRUNE));
    }

    @Test
    void brokenFileFailsTheRenderWithFileAndLineAndNothingElse() {
        String app = "demo/broken";
        Map<String, String> broken = files("broken", true);
        broken.put("configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [1, 2\n  b: 3\n");
        producer.send(commit(app, "broken", "r1", broken));

        RenderFailed failed = awaitResult(app, "r1", RenderFailed.class);
        assertThat(failed.file()).isEqualTo("apps/broken/configmap.yaml");
        assertThat(failed.line()).isEqualTo(7);
        assertThat(failed.message()).startsWith("invalid YAML");

        // Events of one application are ordered: once r2's result is here, nothing more can come for r1.
        producer.send(commit(app, "broken", "r2", files("broken", true)));
        awaitResult(app, "r2", DriftDetected.class);
        assertThat(receivedFor(app)).extracting(r -> r.event().getClass().getSimpleName())
                .containsExactly("RenderFailed", "DriftDetected");
    }

    @Test
    void appRemovedWithPrunePlansAPruneOfEverythingItOwned() {
        String app = "demo/removed";
        producer.send(commit(app, "removed", "r1", files("removed", true)));
        applyPlan(awaitResult(app, "r1", DriftDetected.class));

        CommitInfo info = info("r2");
        producer.send(new AppRemoved(EventIds.of(EventType.APP_REMOVED, app, "r2"), app, "demo", info,
                spec("removed"), Instant.now()));

        DriftDetected drift = awaitResult(app, "r2", DriftDetected.class);
        assertThat(drift.reason()).isEqualTo(DriftDetected.APP_REMOVED);
        assertThat(drift.plan()).extracting(PlannedChange::action).containsOnly(ChangeAction.PRUNE).hasSize(3);
    }

    @Test
    void undecodableRecordGoesToTheDeadLetterTopicAndTheAppKeepsFlowing() {
        String app = "demo/poison";
        producer.sendRaw(Topics.COMMITS, app, "{not json".getBytes(StandardCharsets.UTF_8),
                "ce_type", EventType.COMMIT_OBSERVED.ceType(), "ce_specversion", "1.0");
        producer.send(commit(app, "poison", "r1", files("poison", true)));

        awaitResult(app, "r1", DriftDetected.class);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(collector.received().stream()
                .filter(r -> r.topic().equals(Topics.DLQ_DIFFER)).count()
                + collector.undecodable().stream().filter(u -> u.startsWith(Topics.DLQ_DIFFER)).count())
                .isEqualTo(1));
    }

    private <T extends DriftEvent> T awaitResult(String appId, String revision, Class<T> type) {
        return await().atMost(TIMEOUT).until(() -> collector.events(type).stream()
                .filter(e -> e.appId().equals(appId) && revisionOf(e).equals(revision)).findFirst().orElse(null),
                e -> e != null);
    }

    private static String revisionOf(DriftEvent event) {
        if (event instanceof DriftDetected d) {
            return d.commit().revision();
        }
        if (event instanceof AppInSync s) {
            return s.commit().revision();
        }
        return ((RenderFailed) event).commit().revision();
    }

    private List<ReceivedEvent> receivedFor(String appId) {
        return collector.received().stream().filter(r -> r.event().appId().equals(appId)).toList();
    }

    /** Plays the applier: server-side applies each planned object with the applier's field manager. */
    private void applyPlan(DriftDetected drift) {
        KubernetesClient client = emulator.client();
        for (PlannedChange change : drift.plan()) {
            if (change.action() == ChangeAction.CREATE) {
                GenericKubernetesResource resource = client.getKubernetesSerialization()
                        .convertValue(change.desired(), GenericKubernetesResource.class);
                client.resource(resource).fieldManager("lockstep").forceConflicts().serverSideApply();
            }
        }
    }

    private String storedRevision(String appId) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement s = c.prepareStatement("SELECT revision FROM differ.app_state WHERE app_id = ?")) {
            s.setString(1, appId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static CommitObserved commit(String appId, String namespace, String revision, Map<String, String> files) {
        return commit(appId, spec(namespace), revision, files);
    }

    private static CommitObserved commit(String appId, AppSpec spec, String revision, Map<String, String> files) {
        List<SourceFile> sources = files.entrySet().stream().map(e -> new SourceFile(e.getKey(), e.getValue()))
                .toList();
        return new CommitObserved(EventIds.of(EventType.COMMIT_OBSERVED, appId, revision), appId, "demo",
                info(revision), spec, sources, Instant.now());
    }

    private static CommitInfo info(String revision) {
        return new CommitInfo("file:///repo.git", revision, "Ada", "ada@example.com", "change " + revision,
                Instant.parse("2026-11-28T10:00:00Z"));
    }

    private static AppSpec spec(String namespace) {
        return new AppSpec(namespace, "apps/" + namespace, new Target("in-cluster", namespace),
                new SyncPolicy(true, true, true, false), null, null);
    }

    /** The shared web app's files; without the ConfigMap when {@code withConfigMap} is false. */
    private static Map<String, String> files(String namespace, boolean withConfigMap) {
        Map<String, String> files = TestApps.files();
        if (!withConfigMap) {
            files.remove("configmap.yaml");
        }
        return files;
    }
}
