package io.lockstep.differ.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.differ.reconcile.AppReconciler;
import io.lockstep.differ.render.ClusterScopedKinds;
import io.lockstep.differ.render.DesiredObject;
import io.lockstep.differ.render.ManifestRenderer;
import io.lockstep.differ.render.RenderLimits;
import io.lockstep.differ.state.AppState;
import io.lockstep.differ.state.DesiredStateStore;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.InjectKubeApiEmulator;
import io.lockstep.testsupport.kube.KubeApiEmulator;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The desired state survives a restart: an application this instance never received a commit for, but whose last
 * {@code CommitObserved} a previous instance stored in PostgreSQL, is watched for live changes after recovery.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
class DesiredStateRecoveryIT {
    @InjectKubeApiEmulator
    KubeApiEmulator emulator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DesiredStateStore store;

    @Inject
    AppReconciler reconciler;

    @Test
    void liveChangeIsDetectedForAnApplicationSeenOnlyBeforeTheRestart() throws Exception {
        String app = "demo/restored";
        CommitObserved commit = TestApps.commit(app, "restored", "r7");
        List<DesiredObject> objects = new ManifestRenderer(RenderLimits.defaults(), ClusterScopedKinds.builtIn())
                .render(app, commit.app(), commit.files());
        // What the previous instance left behind: the objects the applier created, and its stored state (saved last:
        // the restore that follows the start-up's partition assignment may pick it up at any moment).
        for (DesiredObject object : objects) {
            emulator.client().resource(emulator.client().getKubernetesSerialization()
                    .convertValue(object.manifest(), GenericKubernetesResource.class))
                    .fieldManager("lockstep").forceConflicts().serverSideApply();
        }
        store.save(AppState.next(null, app, "r7", "sha256:before-restart", objects.stream().map(o -> o.ref())
                .toList()), new String(EventCodec.encode(commit), StandardCharsets.UTF_8));

        // The only replica owns every application once its consumer is assigned the partitions (at start-up), and
        // restores the state of each then; this call restores it if that assignment came before the save.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            reconciler.recover();
            return reconciler.knows(app);
        });

        try (EventCollector collector = EventCollector.open(bootstrap, Topics.DRIFT)) {
            emulator.client().apps().deployments().inNamespace("restored").withName("web").edit(d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:tampered");
                return d;
            });
            DriftDetected drift = await().atMost(Duration.ofSeconds(30)).until(() -> collector
                    .events(DriftDetected.class).stream().filter(d -> d.appId().equals(app)
                            && d.reason().equals(DriftDetected.LIVE_CHANGE) && d.plan().stream()
                                    .anyMatch(c -> c.diff().contains("nginx:tampered"))).findFirst().orElse(null),
                    d -> d != null);
            assertThat(drift.commit().revision()).isEqualTo("r7");
            assertThat(drift.plan()).filteredOn(c -> c.action() != ChangeAction.NONE).singleElement()
                    .satisfies(c -> assertThat(c.diff()).contains("-nginx:tampered", "+nginx:1.27"));
        }
    }
}
