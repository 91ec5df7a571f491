package io.lockstep.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Deployment runs hardened, probed, sized, with the image name the chart documents, behind its Service. */
class DeploymentsAreHardenedTest {

    static List<RenderedChart> renders() {
        return RenderedChart.both();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyDeploymentHasLivenessAndReadinessProbesOnQuarkusHealth(RenderedChart chart) {
        for (String component : RenderedChart.COMPONENTS) {
            Container container = container(chart, component);

            assertThat(container.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getContainerPort()).isEqualTo(8080);
            });
            assertThat(chart.env(component).get("QUARKUS_HTTP_PORT").getValue()).isEqualTo("8080");
            assertHttpProbe(container.getLivenessProbe(), "/q/health/live");
            assertHttpProbe(container.getReadinessProbe(), "/q/health/ready");
            assertHttpProbe(container.getStartupProbe(), "/q/health/started");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyDeploymentRunsAsNonRootOnAReadOnlyRootFilesystemWithoutCapabilities(RenderedChart chart) {
        for (String component : RenderedChart.COMPONENTS) {
            PodSpec pod = chart.deployment(component).getSpec().getTemplate().getSpec();
            SecurityContext security = container(chart, component).getSecurityContext();

            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(security.getRunAsNonRoot()).isTrue();
            assertThat(security.getReadOnlyRootFilesystem()).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).isFalse();
            assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            // A read-only root needs somewhere to write: /tmp for the JVM, an emptyDir.
            assertThat(emptyDirMountedAt(chart, component, "/tmp")).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void theWatcherClonesIntoAnEmptyDirItIsToldAbout(RenderedChart chart) {
        String workdir = chart.env("repo-watcher").get("LOCKSTEP_WATCHER_WORKDIR").getValue();

        assertThat(emptyDirMountedAt(chart, "repo-watcher", workdir)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyDeploymentRequestsAndLimitsCpuAndMemory(RenderedChart chart) {
        for (String component : RenderedChart.COMPONENTS) {
            var resources = container(chart, component).getResources();

            assertThat(resources.getRequests()).containsKeys("cpu", "memory");
            assertThat(resources.getLimits()).containsKeys("cpu", "memory");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyServiceHasItsOwnClusterIpServiceOnPort8080(RenderedChart chart) {
        for (String component : RenderedChart.COMPONENTS) {
            Service service = chart.find(Service.class, RenderedChart.objectName(component)).orElseThrow();
            Deployment deployment = chart.deployment(component);

            assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getPort()).isEqualTo(8080);
                assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
            });
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(service.getSpec().getSelector())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyObjectCarriesTheStandardLabels(RenderedChart chart) {
        for (HasMetadata object : chart.objects) {
            assertThat(object.getMetadata().getLabels()).as("%s %s", object.getKind(), object.getMetadata().getName())
                    .containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
                            "app.kubernetes.io/managed-by", "helm.sh/chart")
                    .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE);
        }
        for (String component : RenderedChart.COMPONENTS) {
            assertThat(chart.deployment(component).getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/component", component);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void imagesAreNamedRegistryRepositoryServiceAndTag(RenderedChart chart) throws IOException {
        boolean defaults = chart == RenderedChart.defaults();
        String appVersion = Files.readAllLines(RenderedChart.CHART.resolve("Chart.yaml")).stream()
                .filter(line -> line.startsWith("appVersion:"))
                .map(line -> line.substring("appVersion:".length()).strip().replace("\"", ""))
                .findFirst().orElseThrow();
        for (String component : RenderedChart.COMPONENTS) {
            String expected = defaults
                    ? "lockstep/" + component + ":" + appVersion
                    : "registry.example.com/platform/lockstep/" + component + ":1.2.3";

            assertThat(container(chart, component).getImage()).isEqualTo(expected);
        }
    }

    private static Container container(RenderedChart chart, String component) {
        List<Container> containers = chart.deployment(component).getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).as("probe on %s", path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    private static boolean emptyDirMountedAt(RenderedChart chart, String component, String path) {
        PodSpec pod = chart.deployment(component).getSpec().getTemplate().getSpec();
        return container(chart, component).getVolumeMounts().stream()
                .filter(mount -> path.equals(mount.getMountPath()))
                .map(VolumeMount::getName)
                .anyMatch(name -> pod.getVolumes().stream()
                        .anyMatch(v -> name.equals(v.getName()) && v.getEmptyDir() != null));
    }
}
