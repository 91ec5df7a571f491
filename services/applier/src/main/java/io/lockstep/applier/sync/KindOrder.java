package io.lockstep.applier.sync;

import io.lockstep.contracts.model.ObjectRef;
import java.util.Comparator;
import java.util.List;

/**
 * The order objects are applied in: namespaces and CRDs first (everything else may live in them or be one of
 * them), then the kinds others depend on (accounts, config, storage, RBAC, services) before the workloads that use
 * them, after Helm's and Argo CD's install order. Unknown kinds (custom resources) come last. Ties are broken by
 * kind, namespace and name so the order is stable from one run to the next. Prunes run in the reverse order.
 */
public final class KindOrder {
    static final List<String> KINDS = List.of(
            "Namespace",
            "CustomResourceDefinition",
            "NetworkPolicy",
            "ResourceQuota",
            "LimitRange",
            "PodDisruptionBudget",
            "ServiceAccount",
            "Secret",
            "ConfigMap",
            "StorageClass",
            "PersistentVolume",
            "PersistentVolumeClaim",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Service",
            "DaemonSet",
            "Pod",
            "ReplicationController",
            "ReplicaSet",
            "Deployment",
            "HorizontalPodAutoscaler",
            "StatefulSet",
            "Job",
            "CronJob",
            "IngressClass",
            "Ingress",
            "APIService",
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration");

    /** Apply order. */
    public static final Comparator<ObjectRef> APPLY = Comparator.comparingInt(KindOrder::rank)
            .thenComparing(ObjectRef::kind)
            .thenComparing(r -> r.namespace() == null ? "" : r.namespace())
            .thenComparing(ObjectRef::name);

    /** Prune order: dependents before what they depend on. */
    public static final Comparator<ObjectRef> PRUNE = APPLY.reversed();

    private KindOrder() {
    }

    /** The position of a kind in the apply order; unknown kinds share the last position. */
    public static int rank(ObjectRef ref) {
        int i = KINDS.indexOf(ref.kind());
        return i < 0 ? KINDS.size() : i;
    }

    /**
     * Whether an object must exist before anything else is applied: a failure here stops the sync before the
     * objects that would live in it (or be instances of it) are tried.
     */
    public static boolean isFoundation(ObjectRef ref) {
        return "Namespace".equals(ref.kind()) || "CustomResourceDefinition".equals(ref.kind());
    }
}
