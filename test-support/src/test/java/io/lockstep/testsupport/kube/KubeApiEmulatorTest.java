package io.lockstep.testsupport.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeApiEmulatorTest {

    @Test
    void listensOnLoopbackAndHandsOutQuarkusConfigPointingAtIt() {
        try (KubeApiEmulator emulator = KubeApiEmulator.start()) {
            assertThat(emulator.url()).matches("http://127\\.0\\.0\\.1:\\d+/");
            assertThat(emulator.quarkusConfig())
                    .containsEntry("quarkus.kubernetes-client.api-server-url", emulator.url())
                    .containsEntry("quarkus.kubernetes-client.trust-certs", "true")
                    .containsEntry("quarkus.kubernetes-client.namespace", "default");
            assertThat(emulator.client().getConfiguration().getNamespace()).isEqualTo("default");
        }
    }

    @Test
    void aClientFromTheWrittenKubeconfigSeesTheSameObjects(@TempDir Path dir) throws Exception {
        try (KubeApiEmulator emulator = KubeApiEmulator.start()) {
            emulator.client().resource(new ConfigMapBuilder().withNewMetadata().withName("shared").endMetadata()
                    .addToData("k", "v").build()).create();

            Path kubeconfig = emulator.writeKubeconfig(dir.resolve("kube/config"));

            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            assertThat(config.getCurrentContext().getName()).isEqualTo("sandbox");
            try (KubernetesClient other = new KubernetesClientBuilder().withConfig(config).build()) {
                assertThat(other.configMaps().withName("shared").get().getData()).containsEntry("k", "v");
            }
        }
    }

    @Test
    void acceptsAYamlApplyPatchAsKubectlSendsIt() throws Exception {
        try (KubeApiEmulator emulator = KubeApiEmulator.start()) {
            String yaml = """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: from-yaml
                    data:
                      greeting: hello
                    """;
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                            .uri(URI.create(emulator.url()
                                    + "api/v1/namespaces/default/configmaps/from-yaml?fieldManager=kubectl&force=true"))
                            .header("Content-Type", "application/apply-patch+yaml")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString(yaml))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(201);
            ConfigMap live = emulator.client().configMaps().withName("from-yaml").get();
            assertThat(live.getData()).containsEntry("greeting", "hello");
            assertThat(live.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                    .containsExactly("kubectl");
        }
    }

    @Test
    void anApplyWithoutAFieldManagerIsRejected() throws Exception {
        try (KubeApiEmulator emulator = KubeApiEmulator.start()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                            .uri(URI.create(emulator.url() + "api/v1/namespaces/default/configmaps/x"))
                            .header("Content-Type", "application/apply-patch+yaml")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString(
                                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.body()).contains("fieldManager is required");
        }
    }

    @Test
    void theQuarkusTestResourceInjectsTheEmulatorIntoAnnotatedFields() throws Exception {
        KubeApiEmulatorResource resource = new KubeApiEmulatorResource();
        Map<String, String> config = resource.start();
        try {
            TestWithEmulator test = new TestWithEmulator();
            resource.inject(fieldInjectorFor(test));

            assertThat(test.emulator).isNotNull();
            assertThat(test.emulator.url()).isEqualTo(config.get("quarkus.kubernetes-client.api-server-url"));
            assertThat(test.notAnnotated).isNull();
        } finally {
            resource.stop();
        }
    }

    /** What Quarkus' own injector does: set every field of the test instance the predicate accepts. */
    private static TestInjector fieldInjectorFor(Object testInstance) {
        return (value, predicate) -> {
            for (Field field : testInstance.getClass().getDeclaredFields()) {
                if (predicate.test(field)) {
                    try {
                        field.setAccessible(true);
                        field.set(testInstance, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }

    static class TestWithEmulator {
        @InjectKubeApiEmulator
        KubeApiEmulator emulator;
        KubeApiEmulator notAnnotated;
    }
}
