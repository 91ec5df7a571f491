package io.lockstep.testsupport.kube;

import static io.lockstep.testsupport.kube.ServerSideApplyTest.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkloadSimulatorTest {
    private static final String NS = "apply";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static KubeApiEmulator emulator;
    private static KubernetesClient client;
    private static WorkloadSimulator simulator;

    @BeforeAll
    static void start() {
        emulator = KubeApiEmulator.start();
        client = emulator.client();
        simulator = new WorkloadSimulator(client).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
        emulator.close();
    }

    @Test
    void anAppliedDeploymentBecomesReady() {
        String name = uniqueName();

        apply(ServerSideApplyTest.deployment(name, "v1", container("web", "nginx")));

        Deployment ready = awaitDeployment(name, d -> isReady(d, 1));
        assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
        assertThat(ready.getStatus().getConditions()).extracting(DeploymentCondition::getType,
                        DeploymentCondition::getStatus)
                .contains(tuple("Available", "True"),
                        tuple("Progressing", "True"));
    }

    @Test
    void aScaledDeploymentReportsTheNewReplicasForTheNewGeneration() {
        String name = uniqueName();
        apply(ServerSideApplyTest.deployment(name, "v1", container("web", "nginx")));
        awaitDeployment(name, d -> isReady(d, 1));

        Deployment scaled = apply(new DeploymentBuilder(ServerSideApplyTest.deployment(name, "v1",
                container("web", "nginx"))).editSpec().withReplicas(3).endSpec().build());

        Deployment ready = awaitDeployment(name, d -> isReady(d, 3));
        assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(scaled.getMetadata().getGeneration());
        assertThat(ready.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void aHeldDeploymentStaysUnreadyUntilReleased() {
        String name = uniqueName();
        simulator.holdUnhealthy(NS, name);

        apply(ServerSideApplyTest.deployment(name, "v1", container("web", "nginx")));

        Deployment held = awaitDeployment(name, d -> d.getStatus() != null
                && d.getStatus().getObservedGeneration() != null);
        assertThat(held.getStatus().getReadyReplicas()).isZero();
        assertThat(held.getStatus().getAvailableReplicas()).isZero();
        assertThat(held.getStatus().getConditions()).extracting(DeploymentCondition::getType,
                        DeploymentCondition::getStatus)
                .contains(tuple("Available", "False"),
                        tuple("Progressing", "True"));
        // A change while held (a new generation) is observed, but still not ready.
        apply(new DeploymentBuilder(ServerSideApplyTest.deployment(name, "v2", container("web", "nginx")))
                .build());
        awaitDeployment(name, d -> d.getStatus().getObservedGeneration() == 2L);
        assertThat(client.apps().deployments().inNamespace(NS).withName(name).get().getStatus()
                .getReadyReplicas()).isZero();

        simulator.release(NS, name);

        awaitDeployment(name, d -> isReady(d, 1));
    }

    @Test
    void aReadyDeploymentThatIsHeldBecomesUnready() {
        String name = uniqueName();
        apply(ServerSideApplyTest.deployment(name, "v1", container("web", "nginx")));
        awaitDeployment(name, d -> isReady(d, 1));

        simulator.holdUnhealthy(NS, name);

        awaitDeployment(name, d -> d.getStatus().getReadyReplicas() == 0);
        simulator.release(NS, name);
        awaitDeployment(name, d -> isReady(d, 1));
    }

    @Test
    void statusWritesDoNotBumpTheGenerationNorLoop() {
        String name = uniqueName();
        apply(ServerSideApplyTest.deployment(name, "v1", container("web", "nginx")));
        Deployment ready = awaitDeployment(name, d -> isReady(d, 1));

        // Another write to the object makes the simulator look again; it must find nothing to do.
        client.apps().deployments().inNamespace(NS).withName(name).edit(d -> new DeploymentBuilder(d)
                .editMetadata().addToAnnotations("touched", "yes").endMetadata().build());
        String afterTouch = client.apps().deployments().inNamespace(NS).withName(name).get()
                .getMetadata().getResourceVersion();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() ->
                afterTouch.equals(client.apps().deployments().inNamespace(NS).withName(name).get()
                        .getMetadata().getResourceVersion()));
        assertThat(ready.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void statefulSetsAndDaemonSetsBecomeReady() {
        String name = uniqueName();
        apply(new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(2).withServiceName(name)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addToContainers(container("db", "postgres")).endSpec().endTemplate()
                .endSpec().build());
        apply(new DaemonSetBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addToContainers(container("agent", "agent")).endSpec().endTemplate()
                .endSpec().build());

        eventually().until(() -> {
            StatefulSet s = client.apps().statefulSets().inNamespace(NS).withName(name).get();
            return s.getStatus() != null && Integer.valueOf(2).equals(s.getStatus().getReadyReplicas())
                    && s.getStatus().getCurrentRevision().equals(s.getStatus().getUpdateRevision());
        });
        eventually().until(() -> {
            DaemonSet ds = client.apps().daemonSets().inNamespace(NS).withName(name).get();
            return ds.getStatus() != null && Integer.valueOf(1).equals(ds.getStatus().getNumberReady())
                    && Integer.valueOf(1).equals(ds.getStatus().getDesiredNumberScheduled())
                    && Long.valueOf(1).equals(ds.getStatus().getObservedGeneration());
        });
    }

    private static boolean isReady(Deployment d, int replicas) {
        DeploymentStatus s = d.getStatus();
        return s != null && d.getMetadata().getGeneration().equals(s.getObservedGeneration())
                && Integer.valueOf(replicas).equals(s.getReplicas())
                && Integer.valueOf(replicas).equals(s.getReadyReplicas())
                && Integer.valueOf(replicas).equals(s.getAvailableReplicas())
                && Integer.valueOf(replicas).equals(s.getUpdatedReplicas());
    }

    private static Deployment awaitDeployment(String name, Predicate<Deployment> condition) {
        return eventually().until(() -> client.apps().deployments().inNamespace(NS).withName(name).get(),
                d -> d != null && condition.test(d));
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20));
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T apply(T object) {
        return client.resource(object).fieldManager("lockstep").forceConflicts().serverSideApply();
    }

    private static String uniqueName() {
        return "wl-" + NAMES.incrementAndGet();
    }
}
