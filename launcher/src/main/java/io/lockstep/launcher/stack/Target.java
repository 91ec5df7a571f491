package io.lockstep.launcher.stack;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lockstep.launcher.LauncherException;
import io.lockstep.testsupport.kube.KubeApiEmulator;
import io.lockstep.testsupport.kube.WorkloadSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cluster Lockstep deploys to: the one of {@code --kubeconfig}, or the sandbox — fabric8's API server emulator
 * (CRUD, taught server-side apply) plus a simulator that marks workloads ready as a controller would. The sandbox runs
 * no containers and keeps nothing after the launcher stops; every output names it "sandbox".
 */
public final class Target implements AutoCloseable {
    private final Path kubeconfig;
    private final KubeApiEmulator emulator;
    private final WorkloadSimulator simulator;

    private Target(Path kubeconfig, KubeApiEmulator emulator, WorkloadSimulator simulator) {
        this.kubeconfig = kubeconfig;
        this.emulator = emulator;
        this.simulator = simulator;
    }

    /** Checks {@code --kubeconfig} before anything starts. */
    public static Path checkKubeconfig(Path kubeconfig) {
        if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
            throw new LauncherException("--kubeconfig " + kubeconfig + " does not exist or cannot be read: pass the "
                    + "kubeconfig file of the cluster to deploy to, or leave it out to use the sandbox");
        }
        return kubeconfig;
    }

    public static Target cluster(Path kubeconfig) {
        return new Target(kubeconfig.toAbsolutePath(), null, null);
    }

    /** Starts the sandbox and writes a kubeconfig for it (context {@code sandbox}) to {@code kubeconfigFile}. */
    public static Target sandbox(Path kubeconfigFile) {
        RuntimeException last = null;
        // The simulator's first list calls time out after 10 s when a busy machine is still loading classes; the
        // emulator holds nothing yet, so starting it again is harmless.
        for (int attempt = 1; attempt <= 3; attempt++) {
            KubeApiEmulator emulator = KubeApiEmulator.start();
            try {
                WorkloadSimulator simulator = new WorkloadSimulator(emulator.client()).start();
                return new Target(emulator.writeKubeconfig(kubeconfigFile), emulator, simulator);
            } catch (RuntimeException e) {
                last = e;
                emulator.close();
            }
        }
        throw new LauncherException("the sandbox API server did not start (" + rootMessage(last) + "): the machine "
                + "may be overloaded; try again", last);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    public boolean isSandbox() {
        return emulator != null;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public String description() {
        return isSandbox() ? "sandbox API server " + emulator.url() + " (fabric8 emulator + workload simulator; "
                + "kubeconfig " + kubeconfig + ")" : "cluster of " + kubeconfig;
    }

    /** A client of the sandbox, for the tour's hand edits. */
    public KubernetesClient sandboxClient() {
        if (!isSandbox()) {
            throw new IllegalStateException("not the sandbox");
        }
        return emulator.client();
    }

    /** Configuration of the differ and the applier: the emulator's URL, or the kubeconfig's current context. */
    public Map<String, String> quarkusConfig() {
        if (isSandbox()) {
            return emulator.quarkusConfig();
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.kubernetes-client.devservices.enabled", "false");
        return config;
    }

    /** fabric8 reads {@code KUBECONFIG} when no API server URL is configured. */
    public Map<String, String> environment() {
        return isSandbox() ? Map.of() : Map.of("KUBECONFIG", kubeconfig.toString());
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }
}
