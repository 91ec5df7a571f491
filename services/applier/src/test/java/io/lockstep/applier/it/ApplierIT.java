package io.lockstep.applier.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lockstep.applier.fixtures.Manifests;
import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.HealthSpec;
import io.lockstep.contracts.model.HttpCheck;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.TestProducer;
import io.lockstep.testsupport.kube.InjectKubeApiEmulator;
import io.lockstep.testsupport.kube.KubeApiEmulator;
import io.lockstep.testsupport.kube.WorkloadSimulator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every applier integration test shares: the real broker (a producer of drift events and a collector of sync
 * results), the API server emulator with a workload simulator playing the controllers, and the applier's real
 * PostgreSQL database. Each test works on an application and namespace of its own.
 */
abstract class ApplierIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    @InjectKubeApiEmulator
    KubeApiEmulator emulator;

    @InjectApplierFixtures
    ApplierFixtures fixtures;

    TestProducer producer;
    EventCollector results;
    WorkloadSimulator workloads;
    String appId;
    String ns;

    @BeforeEach
    void openInfrastructure() {
        String bootstrap = KafkaBroker.start();
        producer = new TestProducer(bootstrap);
        results = EventCollector.open(bootstrap, Topics.SYNC_RESULTS);
        workloads = new WorkloadSimulator(emulator.client()).start();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        appId = "demo/app-" + suffix;
        ns = "ns-" + suffix;
    }

    @AfterEach
    void closeInfrastructure() {
        workloads.close();
        results.close();
        producer.close();
    }

    KubernetesClient kube() {
        return emulator.client();
    }

    static SyncPolicy automated(boolean prune, boolean allowEmpty) {
        return new SyncPolicy(true, prune, false, allowEmpty);
    }

    /** The application's name: its id without the source. */
    String appName() {
        return appId.substring(appId.indexOf('/') + 1);
    }

    /** The application's spec, with its folder at {@code apps/<name>} of the config repo. */
    AppSpec app(SyncPolicy policy, Duration healthTimeout, String cluster, List<HttpCheck> http) {
        return new AppSpec(appName(), "apps/" + appName(), new Target(cluster, ns), policy,
                new HealthSpec(healthTimeout, http), List.of());
    }

    DriftDetected drift(String revision, Instant time, AppSpec app, PlannedChange... plan) {
        CommitInfo commit = new CommitInfo("file:///repo.git", revision, "Ada Lovelace", "ada@example.com",
                "change " + revision, time);
        return new DriftDetected(EventIds.of(EventType.DRIFT_DETECTED, appId, revision, time.toString()), appId,
                commit, app, DriftDetected.NEW_REVISION, List.of(plan), time);
    }

    DriftDetected drift(String revision, Instant time, SyncPolicy policy, Duration healthTimeout,
            PlannedChange... plan) {
        return drift(revision, time, app(policy, healthTimeout, null, List.of()), plan);
    }

    DriftDetected drift(String revision, Instant time, PlannedChange... plan) {
        return drift(revision, time, automated(true, false), Duration.ofSeconds(20), plan);
    }

    /** Sends the drift and waits for the sync result of its operation. */
    SyncCompleted syncAndAwait(DriftDetected drift) {
        producer.send(drift);
        return awaitResult(drift);
    }

    SyncCompleted awaitResult(DriftDetected drift) {
        return awaitResult(drift.id());
    }

    SyncCompleted awaitResult(String operationId) {
        return await().atMost(WAIT).until(() -> results.events(SyncCompleted.class,
                r -> r.operationId().equals(operationId)), r -> !r.isEmpty()).get(0);
    }

    JsonNode live(JsonNode manifest) {
        return live(kube(), manifest);
    }

    static JsonNode live(KubernetesClient kube, JsonNode manifest) {
        var ref = Manifests.ref(manifest);
        var kind = kube.genericKubernetesResources(ref.apiVersion(), ref.kind());
        GenericKubernetesResource found = ref.namespace() == null ? kind.withName(ref.name()).get()
                : kind.inNamespace(ref.namespace()).withName(ref.name()).get();
        return found == null ? null : kube.getKubernetesSerialization().convertValue(found, JsonNode.class);
    }

    /** One row of the applier's sync history, read with plain JDBC from the database the applier uses. */
    Map<String, Object> historyRow(String operationId) throws Exception {
        try (Connection c = jdbc();
                PreparedStatement s = c.prepareStatement(
                        "select * from applier.sync_operation where operation_id = ?")) {
            s.setString(1, operationId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                return row;
            }
        }
    }

    /** A plain JDBC connection to the applier's database. */
    static Connection jdbc() throws java.sql.SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
