package io.lockstep.differ.render;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Kinds that live outside namespaces. Built-in ones are listed here; custom cluster-scoped kinds can be added by
 * configuration until discovery (issue 4) tells them apart from the API server.
 */
public final class ClusterScopedKinds {
    private static final Set<String> BUILT_IN = Set.of(
            "Namespace", "Node", "PersistentVolume", "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment",
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "APIService",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "PriorityClass", "RuntimeClass",
            "IngressClass", "PodSecurityPolicy", "CertificateSigningRequest", "FlowSchema",
            "PriorityLevelConfiguration", "ComponentStatus", "ClusterIssuer");

    private final Set<String> kinds;

    public ClusterScopedKinds(Collection<String> extra) {
        Set<String> all = new HashSet<>(BUILT_IN);
        all.addAll(extra);
        this.kinds = Set.copyOf(all);
    }

    public static ClusterScopedKinds builtIn() {
        return new ClusterScopedKinds(Set.of());
    }

    public boolean isClusterScoped(String kind) {
        return kinds.contains(kind);
    }
}
