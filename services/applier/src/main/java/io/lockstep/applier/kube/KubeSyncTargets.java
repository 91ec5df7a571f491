package io.lockstep.applier.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.lockstep.applier.config.ApplierConfig;
import io.lockstep.applier.sync.SyncTarget;
import io.lockstep.applier.sync.SyncTargets;
import io.lockstep.applier.sync.TargetException;
import io.lockstep.contracts.model.Target;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The named clusters: {@code in-cluster} is the injected client ({@code quarkus.kubernetes-client.*}); every other
 * name comes from {@code lockstep.applier.clusters.<name>.kubeconfig} (and {@code .context}), its client made on
 * first use and kept. A name that is not configured is an error for the application that names it, and only for
 * it.
 */
@ApplicationScoped
public class KubeSyncTargets implements SyncTargets {
    private final KubernetesClient inCluster;
    private final ApplierConfig config;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

    public KubeSyncTargets(KubernetesClient inCluster, ApplierConfig config) {
        this.inCluster = inCluster;
        this.config = config;
    }

    @Override
    public SyncTarget forCluster(String name) throws TargetException {
        String cluster = name == null || name.isBlank() ? Target.IN_CLUSTER : name;
        KubernetesClient client;
        if (Target.IN_CLUSTER.equals(cluster)) {
            client = inCluster;
        } else {
            ApplierConfig.Cluster settings = config.clusters().get(cluster);
            if (settings == null || settings.kubeconfig().isEmpty()) {
                TreeSet<String> known = new TreeSet<>(config.clusters().keySet());
                known.add(Target.IN_CLUSTER);
                throw new TargetException("unknown cluster '" + cluster + "' (configured: "
                        + String.join(", ", known) + ")");
            }
            try {
                client = clients.computeIfAbsent(cluster, c -> connect(settings));
            } catch (RuntimeException e) {
                throw new TargetException("cannot use cluster '" + cluster + "': " + e.getMessage(), e);
            }
        }
        return new KubeSyncTarget(client, config.fieldManager());
    }

    private static KubernetesClient connect(ApplierConfig.Cluster settings) {
        File kubeconfig = new File(settings.kubeconfig().orElseThrow());
        if (!kubeconfig.canRead()) {
            throw new IllegalStateException("kubeconfig " + kubeconfig + " cannot be read");
        }
        Config config = Config.fromKubeconfig(settings.context().orElse(null), kubeconfig);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @PreDestroy
    void close() {
        clients.values().forEach(KubernetesClient::close);
    }
}
