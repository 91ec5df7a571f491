package io.lockstep.applier.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Chooses the rule for an object: a built-in rule for its kind, else its {@code Ready} condition when it has one,
 * else healthy by default (a ConfigMap or a Role has nothing to wait for once it exists). Rules after Argo CD's
 * gitops-engine and kstatus.
 */
public final class HealthRules {
    private static final Map<String, HealthRule> BY_KIND = Map.ofEntries(
            Map.entry("apps/Deployment", new DeploymentHealth()),
            Map.entry("apps/StatefulSet", new StatefulSetHealth()),
            Map.entry("apps/DaemonSet", new DaemonSetHealth()),
            Map.entry("apps/ReplicaSet", new ReplicaSetHealth()),
            Map.entry("batch/Job", new JobHealth()),
            Map.entry("/Pod", new PodHealth()),
            Map.entry("/PersistentVolumeClaim", new PersistentVolumeClaimHealth()),
            Map.entry("/Service", new LoadBalancerHealth()),
            Map.entry("networking.k8s.io/Ingress", new LoadBalancerHealth()),
            Map.entry("apiextensions.k8s.io/CustomResourceDefinition", new CustomResourceDefinitionHealth()));
    private static final HealthRule READY = new ReadyConditionHealth();

    private HealthRules() {
    }

    /** The health of a live object; {@code null} means it does not exist. */
    public static HealthStatus assess(JsonNode live) {
        if (live == null) {
            return HealthStatus.missing();
        }
        String apiVersion = live.path("apiVersion").asText("");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        HealthRule rule = BY_KIND.get(group + "/" + live.path("kind").asText(""));
        if (rule != null) {
            return rule.assess(live);
        }
        if (ReadyConditionHealth.applies(live)) {
            return READY.assess(live);
        }
        return HealthStatus.healthy();
    }
}
