package io.lockstep.testsupport.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sandbox stand-in for the workload controllers of a real cluster (the API server emulator runs none): it watches
 * Deployments, StatefulSets, DaemonSets and ReplicaSets in all namespaces and writes the status their controllers
 * would write once every replica is up ({@code observedGeneration} = {@code metadata.generation}, all replica counts
 * = {@code spec.replicas}, default 1; a DaemonSet is scheduled on one node; Available/Progressing conditions).
 * {@link #holdUnhealthy(String, String)} keeps one object not ready until {@link #release(String, String)}.
 *
 * <p>Status is written through the {@code /status} subresource, which does not bump {@code generation}; a status is
 * written only when it differs from the one stored (ignoring condition timestamps), so the simulator's own writes
 * (which it also sees as events) do not loop. It never creates Pods or ReplicaSets.
 */
public final class WorkloadSimulator implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WorkloadSimulator.class.getName());

    private final KubernetesClient client;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final List<SharedIndexInformer<? extends HasMetadata>> informers = new ArrayList<>();

    public WorkloadSimulator(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Starts watching; returns once the informers have listed what exists (existing objects get a status too). */
    public synchronized WorkloadSimulator start() {
        if (informers.isEmpty()) {
            informers.add(client.apps().deployments().inAnyNamespace().runnableInformer(0));
            informers.add(client.apps().statefulSets().inAnyNamespace().runnableInformer(0));
            informers.add(client.apps().daemonSets().inAnyNamespace().runnableInformer(0));
            informers.add(client.apps().replicaSets().inAnyNamespace().runnableInformer(0));
            // Started together, then awaited: four sequential list+watch round trips would add up on a busy box.
            List<CompletableFuture<Void>> synced = new ArrayList<>();
            for (SharedIndexInformer<? extends HasMetadata> informer : informers) {
                informer.addEventHandler(handler());
                synced.add(informer.start().toCompletableFuture());
            }
            CompletableFuture.allOf(synced.toArray(CompletableFuture[]::new)).join();
        }
        return this;
    }

    /** Keeps the workload {@code namespace/name} (any kind) not ready, e.g. 0 ready replicas and Progressing. */
    public void holdUnhealthy(String namespace, String name) {
        held.add(key(namespace, name));
        resync(namespace, name);
    }

    /** Lets a held workload become ready. */
    public void release(String namespace, String name) {
        held.remove(key(namespace, name));
        resync(namespace, name);
    }

    @Override
    public synchronized void close() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
    }

    private void resync(String namespace, String name) {
        List<SharedIndexInformer<? extends HasMetadata>> current;
        synchronized (this) {
            current = List.copyOf(informers);
        }
        for (SharedIndexInformer<? extends HasMetadata> informer : current) {
            HasMetadata object = informer.getIndexer().getByKey(key(namespace, name));
            if (object != null) {
                reconcile(object);
            }
        }
    }

    private ResourceEventHandler<HasMetadata> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata object) {
                reconcile(object);
            }

            @Override
            public void onUpdate(HasMetadata oldObject, HasMetadata newObject) {
                reconcile(newObject);
            }

            @Override
            public void onDelete(HasMetadata object, boolean deletedFinalStateUnknown) {
                // Nothing to report for a deleted workload.
            }
        };
    }

    /** Writes the status the controller would report now, unless the stored one already says the same. */
    private synchronized void reconcile(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        boolean ready = !held.contains(key(namespace, object.getMetadata().getName()));
        try {
            // Informer caches are shared: write a copy, never the cached object.
            if (object instanceof Deployment d) {
                DeploymentStatus desired = deploymentStatus(d, ready);
                if (!desired.equals(d.getStatus())) {
                    client.apps().deployments().inNamespace(namespace)
                            .resource(new DeploymentBuilder(d).withStatus(desired).build()).updateStatus();
                }
            } else if (object instanceof StatefulSet s) {
                StatefulSetStatus desired = statefulSetStatus(s, ready);
                if (!desired.equals(s.getStatus())) {
                    client.apps().statefulSets().inNamespace(namespace)
                            .resource(new StatefulSetBuilder(s).withStatus(desired).build()).updateStatus();
                }
            } else if (object instanceof DaemonSet ds) {
                DaemonSetStatus desired = daemonSetStatus(ds, ready);
                if (!desired.equals(ds.getStatus())) {
                    client.apps().daemonSets().inNamespace(namespace)
                            .resource(new DaemonSetBuilder(ds).withStatus(desired).build()).updateStatus();
                }
            } else if (object instanceof ReplicaSet rs) {
                ReplicaSetStatus desired = replicaSetStatus(rs, ready);
                if (!desired.equals(rs.getStatus())) {
                    client.apps().replicaSets().inNamespace(namespace)
                            .resource(new ReplicaSetBuilder(rs).withStatus(desired).build()).updateStatus();
                }
            }
        } catch (KubernetesClientException e) {
            // 409: the object changed since the informer saw it; the change's own event reconciles it again.
            // 404: it was deleted meanwhile. Either way there is nothing to retry here.
            if (e.getCode() != 409 && e.getCode() != 404) {
                LOG.log(Level.WARNING, "cannot write the status of " + object.getKind() + " " + namespace + "/"
                        + object.getMetadata().getName() + ": " + e.getMessage());
            }
        }
    }

    private static DeploymentStatus deploymentStatus(Deployment d, boolean ready) {
        int replicas = replicas(d.getSpec() == null ? null : d.getSpec().getReplicas());
        int up = ready ? replicas : 0;
        DeploymentStatus current = d.getStatus();
        List<DeploymentCondition> conditions = List.of(
                condition(current == null ? null : current.getConditions(), "Available",
                        ready ? "True" : "False",
                        ready ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                        ready ? "Deployment has minimum availability."
                                : "Deployment does not have minimum availability."),
                condition(current == null ? null : current.getConditions(), "Progressing", "True",
                        ready ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                        ready ? "ReplicaSet \"" + d.getMetadata().getName() + "\" has successfully progressed."
                                : "ReplicaSet \"" + d.getMetadata().getName() + "\" is progressing."));
        DeploymentStatus desired = new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withReadyReplicas(up)
                .withAvailableReplicas(up)
                .withUnavailableReplicas(replicas - up == 0 ? null : replicas - up)
                .withConditions(conditions)
                .build();
        return desired;
    }

    private static StatefulSetStatus statefulSetStatus(StatefulSet s, boolean ready) {
        int replicas = replicas(s.getSpec() == null ? null : s.getSpec().getReplicas());
        int up = ready ? replicas : 0;
        String revision = s.getMetadata().getName() + "-" + s.getMetadata().getGeneration();
        StatefulSetStatus desired = new StatefulSetStatusBuilder()
                .withObservedGeneration(s.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withCurrentReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withReadyReplicas(up)
                .withAvailableReplicas(up)
                .withCurrentRevision(revision)
                .withUpdateRevision(revision)
                .build();
        return desired;
    }

    private static DaemonSetStatus daemonSetStatus(DaemonSet ds, boolean ready) {
        int up = ready ? 1 : 0;
        DaemonSetStatus desired = new DaemonSetStatusBuilder()
                .withObservedGeneration(ds.getMetadata().getGeneration())
                .withDesiredNumberScheduled(1)
                .withCurrentNumberScheduled(1)
                .withUpdatedNumberScheduled(1)
                .withNumberMisscheduled(0)
                .withNumberReady(up)
                .withNumberAvailable(up)
                .withNumberUnavailable(up == 1 ? null : 1)
                .build();
        return desired;
    }

    private static ReplicaSetStatus replicaSetStatus(ReplicaSet rs, boolean ready) {
        int replicas = replicas(rs.getSpec() == null ? null : rs.getSpec().getReplicas());
        int up = ready ? replicas : 0;
        ReplicaSetStatus desired = new ReplicaSetStatusBuilder()
                .withObservedGeneration(rs.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withFullyLabeledReplicas(replicas)
                .withReadyReplicas(up)
                .withAvailableReplicas(up)
                .build();
        return desired;
    }

    /** A condition; keeps the stored timestamps while its status stays the same, as controllers do. */
    private static DeploymentCondition condition(List<DeploymentCondition> current, String type, String status,
                                                 String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        DeploymentCondition previous = current == null ? null
                : current.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        boolean same = previous != null && status.equals(previous.getStatus());
        boolean sameReason = same && reason.equals(previous.getReason());
        return new DeploymentConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(same ? previous.getLastTransitionTime() : now)
                .withLastUpdateTime(sameReason ? previous.getLastUpdateTime() : now)
                .build();
    }

    private static int replicas(Integer specReplicas) {
        return specReplicas == null ? 1 : specReplicas;
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
