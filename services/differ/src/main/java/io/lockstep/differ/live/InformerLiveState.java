package io.lockstep.differ.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.differ.config.DifferConfig;
import io.lockstep.differ.diff.LiveSnapshot;
import io.lockstep.differ.render.Tracking;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The live state as fabric8 informers see it: one {@link SharedIndexInformer} per group/kind and namespace that a
 * desired set uses (cluster-wide for cluster-scoped kinds), started the first time it appears, restricted to objects
 * labelled {@code app.kubernetes.io/managed-by=lockstep}, indexed by the {@code lockstep.io/app} annotation. A diff
 * reads only the caches (no API call per object); the first diff that needs a new informer waits for its first list.
 *
 * <p>Informer events feed {@link LiveChangeListener} with the owning application id, except updates that change
 * only {@code status} or server bookkeeping ({@code managedFields}, {@code resourceVersion}, {@code generation}):
 * those are never drift, and a controller writes them all the time.
 *
 * <p>Per namespace rather than cluster-wide, so the differ works with the least-privilege, namespaced RBAC of the
 * Helm chart ({@code rbac.scope: namespaced}) as well as with a ClusterRole; the cost is one watch per kind and
 * namespace in use. The label restriction is deliberate: an informer on every object of a kind would cost memory in
 * proportion to the cluster, not to what Lockstep manages. The price: an object that exists but lacks the label
 * reads as absent, and is planned as a {@code CREATE} (which the applier's apply turns into a take-over).
 */
@ApplicationScoped
public class InformerLiveState implements LiveState {
    static final String APP_INDEX = "lockstep-app";
    private static final Logger LOG = Logger.getLogger(InformerLiveState.class);
    private static final Set<String> BOOKKEEPING = Set.of("managedFields", "resourceVersion", "generation");

    private final KubernetesClient client;
    private final LiveChangeListener listener;
    private final Duration syncTimeout;
    private final ConcurrentMap<String, KindInformer> informers = new ConcurrentHashMap<>();

    public InformerLiveState(KubernetesClient client, LiveChangeListener listener, DifferConfig config,
            MeterRegistry registry) {
        this.client = client;
        this.listener = listener;
        this.syncTimeout = config.live().syncTimeout();
        Gauge.builder("lockstep.differ.informer.cache.size", this, InformerLiveState::cachedObjects)
                .description("Live objects held in the informer caches").register(registry);
        Gauge.builder("lockstep.differ.informers", informers, Map::size)
                .description("Informers running, one per group/kind and namespace of managed objects")
                .register(registry);
    }

    /** A started (or starting) informer and the completion of its first list. */
    private record KindInformer(SharedIndexInformer<GenericKubernetesResource> informer,
            CompletableFuture<Void> synced) {
    }

    @Override
    public Optional<JsonNode> get(ObjectRef ref) {
        return snapshot(List.of(ref)).get(ref);
    }

    @Override
    public LiveSnapshot snapshot(Collection<ObjectRef> refs) {
        // Start every missing informer first, then wait: their initial lists run in parallel.
        Map<String, KindInformer> byKind = new LinkedHashMap<>();
        for (ObjectRef ref : refs) {
            String kindKey = informerKey(ref);
            if (!byKind.containsKey(kindKey)) {
                byKind.put(kindKey, informerFor(ref));
            }
        }
        for (Map.Entry<String, KindInformer> entry : byKind.entrySet()) {
            awaitSync(entry.getKey(), entry.getValue());
        }
        Map<String, JsonNode> objects = new HashMap<>();
        for (ObjectRef ref : refs) {
            KindInformer kind = byKind.get(informerKey(ref));
            if (kind == null || objects.containsKey(ref.key())) {
                continue;
            }
            GenericKubernetesResource live = kind.informer().getIndexer().getByKey(cacheKey(ref));
            if (live != null) {
                objects.put(ref.key(), EventCodec.mapper().valueToTree(live));
            }
        }
        return new LiveSnapshot(objects);
    }

    /** The cached objects that carry {@code lockstep.io/app: appId}, across every running informer. */
    public List<ObjectRef> ownedBy(String appId) {
        List<ObjectRef> owned = new ArrayList<>();
        for (KindInformer kind : informers.values()) {
            if (kind.synced().isDone() && !kind.synced().isCompletedExceptionally()) {
                for (GenericKubernetesResource r : kind.informer().getIndexer().byIndex(APP_INDEX, appId)) {
                    owned.add(new ObjectRef(r.getApiVersion(), r.getKind(), r.getMetadata().getNamespace(),
                            r.getMetadata().getName()));
                }
            }
        }
        return owned;
    }

    /** Objects in all caches (the {@code lockstep.differ.informer.cache.size} gauge). */
    public long cachedObjects() {
        long total = 0;
        for (KindInformer kind : informers.values()) {
            total += kind.informer().getStore().list().size();
        }
        return total;
    }

    @PreDestroy
    void stop() {
        informers.values().forEach(kind -> kind.informer().stop());
        informers.clear();
    }

    /** The informer for the ref's group/kind, started now if none runs; null when the kind is not served. */
    private KindInformer informerFor(ObjectRef ref) {
        String kindKey = informerKey(ref);
        KindInformer existing = informers.get(kindKey);
        if (existing != null) {
            return existing;
        }
        synchronized (informers) {
            existing = informers.get(kindKey);
            if (existing != null) {
                return existing;
            }
            SharedIndexInformer<GenericKubernetesResource> informer;
            try {
                var resources = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
                var scoped = hasNamespace(ref) ? resources.inNamespace(ref.namespace())
                        : resources.inAnyNamespace();
                informer = scoped.withLabel(Tracking.MANAGED_BY_LABEL, Tracking.MANAGED_BY_VALUE)
                        .runnableInformer(0);
            } catch (KubernetesClientException e) {
                if (isUnknownKind(e)) {
                    // Not served (yet): a custom resource whose CRD this very plan creates. Reads as absent; the
                    // next diff that needs the kind tries again.
                    return null;
                }
                throw new LiveStateException("cannot watch " + kindKey + ": " + e.getMessage(), e);
            }
            informer.addIndexers(Map.of(APP_INDEX, InformerLiveState::appIds));
            informer.addEventHandler(new ChangeHandler());
            KindInformer started = new KindInformer(informer, informer.start().toCompletableFuture());
            informers.put(kindKey, started);
            LOG.infof("watching %s objects labelled %s=%s", kindKey, Tracking.MANAGED_BY_LABEL,
                    Tracking.MANAGED_BY_VALUE);
            return started;
        }
    }

    private void awaitSync(String kindKey, KindInformer kind) {
        if (kind == null) {
            return;
        }
        try {
            kind.synced().get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Forget it, so that the next diff starts a fresh informer instead of trusting an empty cache.
            informers.remove(kindKey, kind);
            kind.informer().stop();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new LiveStateException("cannot list " + kindKey + " objects: "
                    + (e instanceof TimeoutException ? "no answer within " + syncTimeout : cause.getMessage()),
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveStateException("interrupted while listing " + kindKey + " objects", e);
        }
    }

    /** {@code Kind.group@namespace}, or {@code Kind.group} for cluster-scoped objects. */
    private static String informerKey(ObjectRef ref) {
        String kind = ref.group().isEmpty() ? ref.kind() : ref.kind() + "." + ref.group();
        return hasNamespace(ref) ? kind + "@" + ref.namespace() : kind;
    }

    private static boolean hasNamespace(ObjectRef ref) {
        return ref.namespace() != null && !ref.namespace().isEmpty();
    }

    /** The informer cache's key: {@code namespace/name}, or {@code name} for cluster-scoped objects. */
    private static String cacheKey(ObjectRef ref) {
        return ref.namespace() == null || ref.namespace().isEmpty() ? ref.name() : ref.namespace() + "/" + ref.name();
    }

    private static List<String> appIds(GenericKubernetesResource resource) {
        String appId = appId(resource);
        return appId == null ? List.of() : List.of(appId);
    }

    private static String appId(HasMetadata resource) {
        if (resource == null || resource.getMetadata() == null || resource.getMetadata().getAnnotations() == null) {
            return null;
        }
        return resource.getMetadata().getAnnotations().get(Tracking.APP_ANNOTATION);
    }

    private static boolean isUnknownKind(KubernetesClientException e) {
        String message = e.getMessage();
        return e.getCode() == 0 && message != null && message.contains("Could not find the metadata for");
    }

    /** True when the two versions differ only in status or server bookkeeping. */
    static boolean sameDeclaredState(HasMetadata before, HasMetadata after) {
        return comparable(before).equals(comparable(after));
    }

    private static JsonNode comparable(HasMetadata resource) {
        ObjectNode node = EventCodec.mapper().valueToTree(resource);
        node.remove("status");
        if (node.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove(BOOKKEEPING);
        }
        return node;
    }

    /** Turns informer events into "this application's live state changed". */
    private final class ChangeHandler implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource obj) {
            notify(appId(obj), obj);
        }

        @Override
        public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            if (oldObj == newObj || sameDeclaredState(oldObj, newObj)) {
                return;
            }
            String before = appId(oldObj);
            String after = appId(newObj);
            notify(after, newObj);
            if (!Objects.equals(before, after)) {
                notify(before, newObj);
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
            notify(appId(obj), obj);
        }

        private void notify(String appId, GenericKubernetesResource obj) {
            if (appId != null) {
                listener.liveObjectChanged(appId, new ObjectRef(obj.getApiVersion(), obj.getKind(),
                        obj.getMetadata().getNamespace(), obj.getMetadata().getName()));
            }
        }
    }
}
