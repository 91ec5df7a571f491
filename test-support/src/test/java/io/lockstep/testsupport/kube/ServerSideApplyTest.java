package io.lockstep.testsupport.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServerSideApplyTest {
    private static final String NS = "apply";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static KubeApiEmulator emulator;
    private static KubernetesClient client;

    @BeforeAll
    static void startEmulator() {
        emulator = KubeApiEmulator.start();
        client = emulator.client();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void createsAnAbsentDeploymentAndRecordsTheFieldManager() {
        String name = uniqueName();

        Deployment applied = apply(deployment(name, "nginx:1.25", container("web", "nginx:1.25")));

        Deployment live = client.apps().deployments().inNamespace(NS).withName(name).get();
        assertThat(live).isNotNull();
        assertThat(applied.getMetadata().getUid()).isEqualTo(live.getMetadata().getUid());
        assertThat(live.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(live.getSpec().getTemplate().getSpec().getContainers())
                .extracting(Container::getImage).containsExactly("nginx:1.25");
        ManagedFieldsEntry entry = entryOf(live, "lockstep");
        assertThat(entry.getOperation()).isEqualTo("Apply");
        assertThat(entry.getApiVersion()).isEqualTo("apps/v1");
        assertThat(entry.getFieldsType()).isEqualTo("FieldsV1");
        assertThat(entry.getTime()).isNotBlank();
        assertThat(entry.getFieldsV1().getAdditionalProperties()).containsKeys("f:metadata", "f:spec");
    }

    @Test
    void aSecondApplyChangesTheImageAndLeavesOtherFieldsAlone() {
        String name = uniqueName();
        apply(deployment(name, "v1", container("web", "nginx:1.25")));
        // Another writer (not this manager) adds an annotation and scales; both must survive the next apply.
        client.apps().deployments().inNamespace(NS).withName(name).edit(d -> new DeploymentBuilder(d)
                .editMetadata().addToAnnotations("team", "web").endMetadata()
                .build());
        Deployment before = client.apps().deployments().inNamespace(NS).withName(name).get();

        Deployment after = apply(deployment(name, "v1", container("web", "nginx:1.26")));

        assertThat(after.getSpec().getTemplate().getSpec().getContainers())
                .extracting(Container::getImage).containsExactly("nginx:1.26");
        assertThat(after.getMetadata().getAnnotations()).containsEntry("team", "web");
        assertThat(after.getMetadata().getLabels()).containsEntry("app", name);
        assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
        assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration() + 1);
        assertThat(Long.parseLong(after.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(before.getMetadata().getResourceVersion()));
    }

    @Test
    void anApplyThatChangesNothingDoesNotWrite() {
        String name = uniqueName();
        Deployment first = apply(deployment(name, "v1", container("web", "nginx:1.25")));

        Deployment second = apply(deployment(name, "v1", container("web", "nginx:1.25")));

        assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
        assertThat(second.getMetadata().getGeneration()).isEqualTo(first.getMetadata().getGeneration());
    }

    @Test
    void mergesContainersByName() {
        String name = uniqueName();
        apply(deployment(name, "v1", container("web", "nginx:1.25")));
        // A second manager owns a sidecar container in the same list.
        client.resource(deployment(name, "v1", container("proxy", "envoy:1.30")))
                .fieldManager("mesh").serverSideApply();

        Deployment live = apply(deployment(name, "v1", container("web", "nginx:1.26")));

        assertThat(live.getSpec().getTemplate().getSpec().getContainers())
                .extracting(Container::getName, Container::getImage)
                .containsExactly(tuple("web", "nginx:1.26"),
                        tuple("proxy", "envoy:1.30"));
        assertThat(live.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .containsExactlyInAnyOrder("lockstep", "mesh");
    }

    @Test
    void mergesEnvByNameAndServicePortsByPort() {
        String name = uniqueName();
        Container web = new ContainerBuilder(container("web", "nginx"))
                .addNewEnv().withName("A").withValue("1").endEnv()
                .addNewPort().withContainerPort(8080).endPort()
                .build();
        apply(deployment(name, "v1", web));
        client.resource(deployment(name, "v1", new ContainerBuilder().withName("web")
                        .addNewEnv().withName("B").withValue("2").endEnv().build()))
                .fieldManager("other").serverSideApply();
        Service service = new ServiceBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().addToSelector("app", name)
                .addNewPort().withName("http").withPort(80).endPort().endSpec().build();
        apply(service);
        client.resource(new ServiceBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                        .withNewSpec().addNewPort().withName("metrics").withPort(9090).endPort().endSpec().build())
                .fieldManager("other").serverSideApply();

        Deployment live = apply(deployment(name, "v1", new ContainerBuilder(web)
                .editMatchingEnv(e -> e.getName().equals("A")).withValue("changed").endEnv().build()));

        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly(tuple("A", "changed"),
                        tuple("B", "2"));
        assertThat(client.services().inNamespace(NS).withName(name).get().getSpec().getPorts())
                .extracting(ServicePort::getPort).containsExactly(80, 9090);
    }

    @Test
    void replacesAListWithoutAMergeKey() {
        String name = uniqueName();
        apply(deployment(name, "v1", new ContainerBuilder(container("web", "nginx"))
                .withArgs("--a", "--b").build()));

        Deployment live = apply(deployment(name, "v1", new ContainerBuilder(container("web", "nginx"))
                .withArgs("--c").build()));

        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("--c");
    }

    @Test
    void removesFieldsTheManagerNoLongerDeclares() {
        String name = uniqueName();
        apply(new DeploymentBuilder(deployment(name, "v1", new ContainerBuilder(container("web", "nginx"))
                .addNewEnv().withName("KEEP").withValue("1").endEnv()
                .addNewEnv().withName("DROP").withValue("2").endEnv()
                .build()))
                .editMetadata().addToLabels("tier", "frontend").endMetadata()
                .build());
        client.apps().deployments().inNamespace(NS).withName(name).edit(d -> new DeploymentBuilder(d)
                .editMetadata().addToLabels("owner", "someone-else").endMetadata().build());

        Deployment live = apply(deployment(name, "v1", new ContainerBuilder(container("web", "nginx"))
                .addNewEnv().withName("KEEP").withValue("1").endEnv()
                .build()));

        assertThat(live.getMetadata().getLabels())
                .doesNotContainKey("tier")
                .containsEntry("owner", "someone-else")
                .containsEntry("app", name);
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(EnvVar::getName).containsExactly("KEEP");
    }

    @Test
    void keepsAFieldDroppedByOneManagerWhileAnotherStillAppliesIt() {
        String name = uniqueName();
        ConfigMap both = configMap(name, Map.of("shared", "x", "mine", "1"));
        apply(both);
        client.resource(configMap(name, Map.of("shared", "x"))).fieldManager("other").serverSideApply();

        ConfigMap live = apply(configMap(name, Map.of("mine", "1")));

        assertThat(live.getData()).containsEntry("shared", "x").containsEntry("mine", "1");
    }

    @Test
    void appliesAConfigMapAndRemovesADroppedKey() {
        String name = uniqueName();
        apply(configMap(name, Map.of("a", "1", "b", "2")));

        ConfigMap live = apply(configMap(name, Map.of("a", "10")));

        assertThat(live.getData()).containsExactlyEntriesOf(Map.of("a", "10"));
        assertThat(client.configMaps().inNamespace(NS).withName(name).get().getData())
                .containsExactlyEntriesOf(Map.of("a", "10"));
    }

    @Test
    void appliesAClusterScopedNamespace() {
        String name = uniqueName();
        Namespace namespace = new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("team", "web").endMetadata().build();

        client.resource(namespace).fieldManager("lockstep").forceConflicts().serverSideApply();
        Namespace relabelled = client.resource(new NamespaceBuilder(namespace).editMetadata()
                .addToLabels("env", "test").endMetadata().build())
                .fieldManager("lockstep").forceConflicts().serverSideApply();

        assertThat(client.namespaces().withName(name).get().getMetadata().getLabels())
                .containsEntry("team", "web").containsEntry("env", "test");
        assertThat(relabelled.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .containsExactly("lockstep");
    }

    @Test
    void appliesACustomResourceOnceItsDefinitionExists() {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("widgets.lockstep.io").endMetadata()
                .withNewSpec().withGroup("lockstep.io").withScope("Namespaced")
                .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                .endVersion().endSpec().build();
        client.resource(crd).fieldManager("lockstep").forceConflicts().serverSideApply();
        String name = uniqueName();

        client.resource(widget(name, Map.of("size", 1, "colour", "red")))
                .fieldManager("lockstep").forceConflicts().serverSideApply();
        client.resource(widget(name, Map.of("size", 2)))
                .fieldManager("lockstep").forceConflicts().serverSideApply();

        GenericKubernetesResource live = client.genericKubernetesResources("lockstep.io/v1", "Widget")
                .inNamespace(NS).withName(name).get();
        assertThat(live.get("spec", "size").toString()).isEqualTo("2");
        assertThat(live.<Map<String, Object>>get("spec")).doesNotContainKey("colour");
        assertThat(live.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .containsExactly("lockstep");
    }

    @Test
    void appliesABuiltInKindParsedFromYamlAsAGenericResource() {
        String name = uniqueName();
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  namespace: %s
                  annotations:
                    lockstep.io/app: demo/web
                spec:
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.25
                          volumeMounts:
                            - {name: config, mountPath: /etc/web}
                      volumes:
                        - name: config
                          configMap: {name: web}
                """.formatted(name, NS);
        GenericKubernetesResource generic = Serialization.unmarshal(yaml, GenericKubernetesResource.class);

        client.resource(generic).fieldManager("lockstep").forceConflicts().serverSideApply();
        client.resource(Serialization.unmarshal(yaml.replace("nginx:1.25", "nginx:1.26"),
                GenericKubernetesResource.class)).fieldManager("lockstep").forceConflicts().serverSideApply();

        Deployment live = client.apps().deployments().inNamespace(NS).withName(name).get();
        assertThat(live.getMetadata().getAnnotations()).containsEntry("lockstep.io/app", "demo/web");
        assertThat(live.getSpec().getTemplate().getSpec().getContainers()).singleElement()
                .satisfies(c -> {
                    assertThat(c.getImage()).isEqualTo("nginx:1.26");
                    assertThat(c.getVolumeMounts()).extracting("mountPath").containsExactly("/etc/web");
                });
        assertThat(live.getSpec().getTemplate().getSpec().getVolumes()).extracting("name").containsExactly("config");
        GenericKubernetesResource viaGenericApi = client.genericKubernetesResources("apps/v1", "Deployment")
                .inNamespace(NS).withName(name).get();
        assertThat(viaGenericApi.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void aWatchSeesTheAppliedChange() {
        String name = uniqueName();
        apply(deployment(name, "v1", container("web", "nginx:1.25")));
        List<String> seenImages = new CopyOnWriteArrayList<>();
        try (Watch ignored = client.apps().deployments().inNamespace(NS).withName(name).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment resource) {
                if (action == Action.MODIFIED) {
                    seenImages.add(resource.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            apply(deployment(name, "v1", container("web", "nginx:1.26")));

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> seenImages.contains("nginx:1.26"));
        }
    }

    @Test
    void refusesToTakeAFieldFromAnotherManagerWithoutForce() {
        String name = uniqueName();
        apply(configMap(name, Map.of("owner", "lockstep")));

        assertThatThrownBy(() -> client.resource(configMap(name, Map.of("owner", "intruder")))
                .fieldManager("intruder").serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("conflict with \"lockstep\"").contains(".data.owner");
                });

        ConfigMap forced = client.resource(configMap(name, Map.of("owner", "intruder")))
                .fieldManager("intruder").forceConflicts().serverSideApply();
        assertThat(forced.getData()).containsEntry("owner", "intruder");
        // The field moved to the intruder: lockstep no longer owns anything, so its entry is gone.
        assertThat(forced.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .containsExactly("intruder");
    }

    @Test
    void aDryRunAnswersWithTheResultAndStoresNothing() {
        String name = uniqueName();

        ConfigMap answered = client.resource(configMap(name, Map.of("a", "1"))).dryRun()
                .fieldManager("lockstep").forceConflicts().serverSideApply();

        assertThat(answered.getData()).containsEntry("a", "1");
        assertThat(client.configMaps().inNamespace(NS).withName(name).get()).isNull();
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T apply(T object) {
        return client.resource(object).fieldManager("lockstep").forceConflicts().serverSideApply();
    }

    private static ManagedFieldsEntry entryOf(Deployment live, String manager) {
        return live.getMetadata().getManagedFields().stream()
                .filter(e -> manager.equals(e.getManager())).findFirst().orElseThrow();
    }

    private static String uniqueName() {
        return "obj-" + NAMES.incrementAndGet();
    }

    static Container container(String name, String image) {
        return new ContainerBuilder().withName(name).withImage(image).build();
    }

    static Deployment deployment(String name, String version, Container... containers) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).addToLabels("app", name).endMetadata()
                .withNewSpec()
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", name).addToLabels("version", version).endMetadata()
                .withNewSpec().withContainers(containers).endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withData(data).build();
    }

    private static GenericKubernetesResource widget(String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder().withApiVersion("lockstep.io/v1").withKind("Widget")
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }
}
