package io.lockstep.differ.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.AppInSync;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.differ.live.InformerLiveState;
import io.lockstep.differ.reconcile.AppReconciler;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kafka.TestProducer;
import io.lockstep.testsupport.kube.InjectKubeApiEmulator;
import io.lockstep.testsupport.kube.KubeApiEmulator;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift between commits: an out-of-band change to a managed object, seen by the differ's informers, is reported as
 * {@code DriftDetected} with reason {@code live-change}; the applier's own writes are not. Same test resources as
 * {@link DifferPipelineIT}, so Quarkus runs one application for both.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
class LiveChangeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @InjectKubeApiEmulator
    KubeApiEmulator emulator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    InformerLiveState liveState;

    @Inject
    AppReconciler reconciler;

    private TestProducer producer;
    private EventCollector collector;

    @BeforeEach
    void open() {
        producer = new TestProducer(bootstrap);
        collector = EventCollector.open(bootstrap, Topics.DRIFT);
    }

    @AfterEach
    void close() {
        collector.close();
        producer.close();
    }

    @Test
    void editOfAManagedDeploymentThroughAnotherClientIsReportedAsLiveChangeDrift() {
        String app = "demo/edited";
        deployInSync(app, "edited");

        long edited = System.nanoTime();
        otherClient().apps().deployments().inNamespace("edited").withName("web").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:1.99-hotfix");
            return d;
        });

        DriftDetected drift = awaitLiveChange(app);
        long latencyMs = Duration.ofNanos(System.nanoTime() - edited).toMillis();
        System.out.printf("live-change latency (edit through another client -> DriftDetected consumed): %d ms%n",
                latencyMs);
        assertThat(drift.commit().revision()).isEqualTo("r1");
        PlannedChange deployment = change(drift, "Deployment");
        assertThat(deployment.action()).isEqualTo(ChangeAction.UPDATE);
        assertThat(deployment.diff()).contains("-nginx:1.99-hotfix", "+nginx:1.27");
        assertThat(change(drift, "ConfigMap").action()).isEqualTo(ChangeAction.NONE);
    }

    @Test
    void deletedOrScaledObjectsAreReportedAsLiveChangeDrift() {
        String app = "demo/deleted";
        deployInSync(app, "deleted");

        otherClient().configMaps().inNamespace("deleted").withName("web-settings").delete();
        DriftDetected deleted = awaitLiveChange(app);
        assertThat(change(deleted, "ConfigMap").action()).isEqualTo(ChangeAction.CREATE);

        otherClient().apps().deployments().inNamespace("deleted").withName("web").edit(d -> {
            d.getSpec().setReplicas(5); // what `kubectl scale` changes (the emulator has no /scale subresource)
            return d;
        });
        DriftDetected scaled = await().atMost(TIMEOUT).until(() -> liveChanges(app),
                drifts -> drifts.stream().anyMatch(d -> change(d, "Deployment").action() == ChangeAction.UPDATE))
                .stream().filter(d -> change(d, "Deployment").action() == ChangeAction.UPDATE).findFirst()
                .orElseThrow();
        assertThat(change(scaled, "Deployment").diff()).contains("@@ spec.replicas @@", "-5", "+2");
        assertThat(scaled.id()).isNotEqualTo(deleted.id());
    }

    @Test
    void theAppliersOwnWritesAreNotDrift() {
        String app = "demo/applied";
        deployInSync(app, "applied");

        // What the informer-triggered re-diffs after the applier's writes concluded, asked once more directly.
        assertThat(reconciler.rediff(app, DriftDetected.LIVE_CHANGE)).isFalse();

        // Events of one application are ordered: once r2's result is here, no earlier drift can still arrive.
        producer.send(TestApps.commit(app, "applied", "r2"));
        await().atMost(TIMEOUT).until(() -> collector.events(AppInSync.class).stream()
                .anyMatch(e -> e.appId().equals(app) && e.commit().revision().equals("r2")));
        assertThat(collector.received().stream().filter(r -> r.event().appId().equals(app))
                .map(r -> r.event().getClass().getSimpleName()))
                .containsExactly("DriftDetected", "AppInSync");
    }

    @Test
    void periodicResyncReportsDriftOnlyWhereThereIsSome() {
        String drifted = "demo/periodic-drift";
        String clean = "demo/periodic-clean";
        deployInSync(drifted, "periodic-drift");
        deployInSync(clean, "periodic-clean");
        otherClient().configMaps().inNamespace("periodic-drift").withName("web-settings")
                .edit(cm -> {
                    cm.getData().put("LOG_LEVEL", "debug");
                    return cm;
                });
        awaitLiveChange(drifted);

        reconciler.resyncAll();

        DriftDetected periodic = await().atMost(TIMEOUT).until(() -> collector.events(DriftDetected.class).stream()
                .filter(d -> d.appId().equals(drifted) && d.reason().equals(DriftDetected.PERIODIC)).findFirst()
                .orElse(null), d -> d != null);
        assertThat(change(periodic, "ConfigMap").diff()).contains("-debug", "+info");
        producer.send(TestApps.commit(clean, "periodic-clean", "r2"));
        await().atMost(TIMEOUT).until(() -> collector.events(AppInSync.class).stream()
                .anyMatch(e -> e.appId().equals(clean) && e.commit().revision().equals("r2")));
        assertThat(collector.events(DriftDetected.class)).noneMatch(d -> d.appId().equals(clean)
                && !d.reason().equals(DriftDetected.NEW_REVISION));
    }

    @Test
    void objectsAlreadyLiveWhenTheirInformerStartsAreSeenByTheFirstDiff() {
        String app = "demo/preexisting";
        // A kind no other test uses: its informer starts with this commit, and the diff must wait for its list.
        emulator.client().resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata()
                .withName("runner").withNamespace("preexisting")
                .addToLabels("app.kubernetes.io/managed-by", "lockstep")
                .addToAnnotations("lockstep.io/app", app).endMetadata().build()).create();
        var commit = TestApps.commit(app, "preexisting", "r1");
        var files = new java.util.ArrayList<>(List.of(new io.lockstep.contracts.model.SourceFile("sa.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: runner
                """)));
        producer.send(new io.lockstep.contracts.events.CommitObserved(commit.id(), app, "demo", commit.commit(),
                commit.app(), files, commit.time()));

        AppInSync inSync = await().atMost(TIMEOUT).until(() -> collector.events(AppInSync.class).stream()
                .filter(e -> e.appId().equals(app)).findFirst().orElse(null), e -> e != null);
        assertThat(inSync.objects()).isEqualTo(1);
    }

    /** Commit r1, let the test play the applier, and wait until the differ's caches hold what was applied. */
    private void deployInSync(String app, String namespace) {
        producer.send(TestApps.commit(app, namespace, "r1"));
        DriftDetected created = await().atMost(TIMEOUT).until(() -> collector.events(DriftDetected.class).stream()
                .filter(d -> d.appId().equals(app) && d.reason().equals(DriftDetected.NEW_REVISION)).findFirst()
                .orElse(null), d -> d != null);
        TestApps.apply(emulator.client(), created);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(liveState.ownedBy(app)).hasSize(3));
    }

    private DriftDetected awaitLiveChange(String app) {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> liveChanges(app),
                drifts -> !drifts.isEmpty()).get(0);
    }

    private List<DriftDetected> liveChanges(String app) {
        return collector.events(DriftDetected.class).stream()
                .filter(d -> d.appId().equals(app) && d.reason().equals(DriftDetected.LIVE_CHANGE)).toList();
    }

    private static PlannedChange change(DriftDetected drift, String kind) {
        return drift.plan().stream().filter(c -> c.ref().kind().equals(kind)).findFirst().orElseThrow();
    }

    /** Someone else's client (the test's own, not the differ's), as a person with kubectl would be. */
    private KubernetesClient otherClient() {
        return emulator.client();
    }
}
