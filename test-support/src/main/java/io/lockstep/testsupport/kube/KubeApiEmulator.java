package io.lockstep.testsupport.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Kubernetes API server stand-in for tests: fabric8's CRUD emulator on plain HTTP (127.0.0.1, random port),
 * taught server-side apply by {@link ServerSideApplyDispatcher}. No controllers run; see {@link WorkloadSimulator}.
 */
public final class KubeApiEmulator implements AutoCloseable {
    /** The namespace clients default to, as on a fresh cluster. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** The kubeconfig context {@link #writeKubeconfig(Path)} writes. */
    public static final String CONTEXT = "sandbox";

    private final KubernetesMockServer server;
    private final String url;
    private final KubernetesClient client;

    private KubeApiEmulator(KubernetesMockServer server) {
        this.server = server;
        this.url = "http://127.0.0.1:" + server.getPort() + "/";
        this.client = server.createClient(builder -> builder.withConfig(clientConfig(url)));
    }

    /** Starts an empty emulator. */
    public static KubeApiEmulator start() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ServerSideApplyDispatcher(), false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kubernetes API emulator", e);
        }
        return new KubeApiEmulator(server);
    }

    /** The API server URL, {@code http://127.0.0.1:PORT/}. */
    public String url() {
        return url;
    }

    /** A fabric8 client pointed at the emulator (default namespace {@value #DEFAULT_NAMESPACE}); closed with it. */
    public KubernetesClient client() {
        return client;
    }

    /** Configuration that points a Quarkus application's injected {@code KubernetesClient} at the emulator. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.kubernetes-client.api-server-url", url);
        config.put("quarkus.kubernetes-client.trust-certs", "true");
        config.put("quarkus.kubernetes-client.namespace", DEFAULT_NAMESPACE);
        // Without this, a test run without an API server URL would start a k3s container (no Docker here).
        config.put("quarkus.kubernetes-client.devservices.enabled", "false");
        // The emulator checks no credentials; keep a developer's kubeconfig token out of requests and logs.
        config.put("quarkus.kubernetes-client.token", "sandbox");
        return config;
    }

    /** Writes a kubeconfig with one context, {@value #CONTEXT}, pointing at the emulator, and returns the file. */
    public Path writeKubeconfig(Path file) {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: %1$s
                    cluster:
                      server: %2$s
                      insecure-skip-tls-verify: true
                users:
                  - name: %1$s
                    user:
                      token: sandbox
                contexts:
                  - name: %1$s
                    context:
                      cluster: %1$s
                      user: %1$s
                      namespace: %3$s
                current-context: %1$s
                preferences: {}
                """.formatted(CONTEXT, url, DEFAULT_NAMESPACE);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return Files.writeString(file, kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private static Config clientConfig(String url) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withTrustCerts(true)
                .withNamespace(DEFAULT_NAMESPACE)
                .withOauthToken("sandbox")
                // The emulator speaks HTTP/1.1 only.
                .withHttp2Disable(true)
                .build();
    }
}
