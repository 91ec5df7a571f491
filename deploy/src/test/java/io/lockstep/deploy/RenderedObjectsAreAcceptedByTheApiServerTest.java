package io.lockstep.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.lockstep.testsupport.kube.KubeApiEmulator;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every object the chart renders, with default and non-default values, is created by the API server emulator. */
class RenderedObjectsAreAcceptedByTheApiServerTest {
    /** Custom kinds the chart may render, with the operator that would have installed their CRD. */
    private static final Map<String, ResourceDefinitionContext> CUSTOM_KINDS = Map.of(
            "ServiceMonitor", customKind("monitoring.coreos.com", "v1", "ServiceMonitor", "servicemonitors"),
            "KafkaTopic", customKind("kafka.strimzi.io", "v1beta2", "KafkaTopic", "kafkatopics"));

    /** Held so that the level sticks: the emulator logs every request at INFO. */
    private static final Logger EMULATOR_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private static KubeApiEmulator emulator;
    private static KubernetesClient client;

    @BeforeAll
    static void startEmulatorWithThePrometheusOperatorAndStrimziCrds() {
        EMULATOR_LOG.setLevel(Level.WARNING);
        emulator = KubeApiEmulator.start();
        client = emulator.client();
        // ServiceMonitor and KafkaTopic exist only where the Prometheus Operator and Strimzi installed their CRDs.
        CUSTOM_KINDS.values().forEach(kind -> client.resource(crd(kind)).create());
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    static java.util.List<RenderedChart> renders() {
        return RenderedChart.both();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyRenderedObjectIsCreatedByTheApiServer(RenderedChart chart) {
        String namespace = chart == RenderedChart.defaults() ? "defaults" : "production";
        for (HasMetadata object : chart.objects) {
            HasMetadata created = create(withNamespaceSuffix(object, namespace));

            assertThat(created.getMetadata().getUid()).as("%s %s", object.getKind(), object.getMetadata().getName())
                    .isNotBlank();
            assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
        }
    }

    @Test
    void defaultValuesRenderTheFourServicesWithClusterWideRbacAndNoOptionalObjects() {
        assertThat(kindCounts(RenderedChart.defaults())).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "ClusterRole", 2L, "ClusterRoleBinding", 2L, "ConfigMap", 4L, "Deployment", 4L, "Service", 4L,
                "ServiceAccount", 4L)));
    }

    @Test
    void productionValuesAddServiceMonitorDisruptionBudgetsKafkaTopicsAndNamespacedRbac() {
        // Roles and bindings for differ and applier in each of the two namespaces; no cluster-wide RBAC at all.
        assertThat(kindCounts(RenderedChart.production())).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "ConfigMap", 4L, "Deployment", 4L, "PodDisruptionBudget", 4L, "Role", 4L, "RoleBinding", 4L,
                "Service", 4L, "ServiceAccount", 4L, "ServiceMonitor", 1L, "KafkaTopic", 9L)));
    }

    private static Map<String, Long> kindCounts(RenderedChart chart) {
        return chart.objects.stream()
                .collect(Collectors.groupingBy(HasMetadata::getKind, TreeMap::new, Collectors.counting()));
    }

    private static HasMetadata create(HasMetadata object) {
        if (object instanceof GenericKubernetesResource generic) {
            ResourceDefinitionContext kind = CUSTOM_KINDS.get(generic.getKind());
            assertThat(kind).as("custom kind %s", generic.getKind()).isNotNull();
            return client.genericKubernetesResources(kind).resource(generic).create();
        }
        return client.resource(object).create();
    }

    /**
     * Both renders go into one emulator: the release namespace and cluster-scoped names get a suffix per values set
     * so that the second render's objects are new objects, not conflicts with the first's.
     */
    private static HasMetadata withNamespaceSuffix(HasMetadata object, String suffix) {
        HasMetadata copy = client.getKubernetesSerialization().clone(object);
        if (copy.getMetadata().getNamespace() == null) {
            copy.getMetadata().setName(copy.getMetadata().getName() + "-" + suffix);
        } else if (RenderedChart.NAMESPACE.equals(copy.getMetadata().getNamespace())) {
            copy.getMetadata().setNamespace(RenderedChart.NAMESPACE + "-" + suffix);
        }
        return copy;
    }

    private static ResourceDefinitionContext customKind(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    private static CustomResourceDefinition crd(ResourceDefinitionContext kind) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(kind.getPlural() + "." + kind.getGroup()).endMetadata()
                .withNewSpec()
                .withGroup(kind.getGroup())
                .withScope("Namespaced")
                .withNewNames().withKind(kind.getKind()).withListKind(kind.getKind() + "List")
                .withPlural(kind.getPlural()).withSingular(kind.getKind().toLowerCase()).endNames()
                .addNewVersion().withName(kind.getVersion()).withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec()
                .build();
    }
}
