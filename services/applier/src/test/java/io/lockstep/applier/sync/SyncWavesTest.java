package io.lockstep.applier.sync;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.deployment;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static io.lockstep.applier.fixtures.Manifests.object;
import static io.lockstep.applier.fixtures.Manifests.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.applier.health.FakeTime;
import io.lockstep.applier.health.HealthWaiter;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.SyncPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncWavesTest {
    private static final String APP = "demo/web";
    private static final SyncPolicy POLICY = new SyncPolicy(true, true, false, false);

    private final InMemoryTarget target = new InMemoryTarget();
    private final FakeTime time = new FakeTime();
    private final SyncStateMachine machine = new SyncStateMachine(target,
            new HealthWaiter(time, time, Duration.ofMillis(100), Duration.ofSeconds(2)));
    /** Names of Deployments the "controller" reports ready. */
    private final Set<String> ready = new HashSet<>();
    /** Names of CRDs the "API server" reports established. */
    private final Set<String> established = new HashSet<>();

    SyncWavesTest() {
        target.liveView = live -> {
            String name = live.path("metadata").path("name").asText();
            if ("Deployment".equals(live.path("kind").asText()) && ready.contains(name)) {
                ((ObjectNode) live).putObject("status").put("replicas", 1).put("updatedReplicas", 1)
                        .put("availableReplicas", 1);
            }
            if ("CustomResourceDefinition".equals(live.path("kind").asText()) && established.contains(name)) {
                ((ObjectNode) live).putObject("status").putArray("conditions").addObject()
                        .put("type", "Established").put("status", "True");
            }
            return live;
        };
    }

    private SyncReport run(Duration timeout, PlannedChange... plan) throws Exception {
        return machine.run(new SyncRequest(APP, POLICY, timeout, List.of(plan), Set.of()));
    }

    private static ObjectNode inWave(ObjectNode manifest, String wave) {
        ((ObjectNode) manifest.path("metadata").path("annotations")).put(SyncStateMachine.SYNC_WAVE_ANNOTATION, wave);
        return manifest;
    }

    private static ObjectNode crd(String name) {
        return object(APP, "apiextensions.k8s.io/v1", "CustomResourceDefinition", null, name);
    }

    @Test
    void appliesWaveByWaveLowestFirstWhateverTheKind() throws Exception {
        ready.add("db");

        SyncReport report = run(Duration.ofMinutes(1),
                create(inWave(configMap(APP, "web", "late", "k", "v"), "2")),
                create(inWave(deployment(APP, "web", "db", "postgres:16"), "-1")),
                create(configMap(APP, "web", "default-wave", "k", "v")),
                create(namespace(APP, "web")));

        assertThat(target.calls).containsExactly("apply Namespace web", "apply Deployment web/db",
                "apply ConfigMap web/default-wave", "apply ConfigMap web/late");
        assertThat(report.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(report.health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void aWaveThatNeverBecomesHealthyKeepsTheNextWaveUnappliedAndFailsTheSync() throws Exception {
        JsonNode later = inWave(configMap(APP, "web", "after-db", "k", "v"), "1");

        SyncReport report = run(Duration.ofSeconds(30), create(deployment(APP, "web", "db", "postgres:16")),
                create(later));

        assertThat(target.calls).containsExactly("apply Deployment web/db");
        assertThat(target.objects).doesNotContainKey(ref(later).key());
        assertThat(report.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(report.health()).isEqualTo(Health.DEGRADED);
        assertThat(report.error()).startsWith("wave 0 did not become healthy, later waves not applied: "
                + "not healthy within 30s: Deployment web/db: progressing");
        assertThat(report.results()).filteredOn(r -> r.ref().equals(ref(later))).singleElement()
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo(ResultCode.SYNC_FAILED);
                    assertThat(r.message()).startsWith("not applied: wave 0 did not become healthy");
                });
        assertThat(time.pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aNewCrdMustBeEstablishedBeforeItsInstancesAreApplied() throws Exception {
        established.add("widgets.example.com");

        SyncReport report = run(Duration.ofMinutes(1),
                create(object(APP, "example.com/v1", "Widget", "web", "w1")),
                create(crd("widgets.example.com")));

        assertThat(target.calls).containsExactly("apply CustomResourceDefinition widgets.example.com",
                "apply Widget web/w1");
        assertThat(report.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    }

    @Test
    void aCrdThatIsNeverEstablishedStopsTheSyncBeforeItsInstances() throws Exception {
        SyncReport report = run(Duration.ofSeconds(5), create(object(APP, "example.com/v1", "Widget", "web", "w1")),
                create(crd("widgets.example.com")));

        assertThat(target.calls).containsExactly("apply CustomResourceDefinition widgets.example.com");
        assertThat(report.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(report.error()).startsWith("CustomResourceDefinitions not established, nothing else applied: "
                + "not healthy within 5s: CustomResourceDefinition widgets.example.com: progressing");
    }

    @Test
    void aWaveAnnotationThatIsNotAnIntegerAppliesNothing() throws Exception {
        SyncReport report = run(Duration.ofMinutes(1), create(inWave(configMap(APP, "web", "a", "k", "v"), "first")),
                create(configMap(APP, "web", "b", "k", "v")));

        assertThat(target.calls).isEmpty();
        assertThat(report.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(report.results()).extracting(ObjectResult::message).anySatisfy(m -> assertThat(m)
                .isEqualTo("invalid lockstep.io/sync-wave annotation 'first': not an integer"));
    }
}
