package io.lockstep.applier.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.lockstep.applier.config.ApplierConfig;
import io.lockstep.applier.sync.SyncTarget;
import io.lockstep.applier.sync.TargetException;
import io.lockstep.contracts.model.ObjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The target cluster through the ordinary fabric8 client: server-side apply under Lockstep's field manager, reads
 * of live objects, and background-propagated deletes (the garbage collector removes dependents, as kubectl does).
 */
@ApplicationScoped
public class KubeSyncTarget implements SyncTarget {
    private final KubernetesClient client;
    private final ApplierConfig config;

    public KubeSyncTarget(KubernetesClient client, ApplierConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public JsonNode apply(ObjectRef ref, JsonNode desired) throws TargetException {
        try {
            GenericKubernetesResource resource = client.getKubernetesSerialization()
                    .convertValue(desired, GenericKubernetesResource.class);
            ServerSideApplicable<GenericKubernetesResource> apply = client.resource(resource)
                    .fieldManager(config.fieldManager());
            if (config.forceConflicts()) {
                apply = apply.forceConflicts();
            }
            return toJson(apply.serverSideApply());
        } catch (KubernetesClientException e) {
            throw new TargetException("server-side apply refused: " + reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new TargetException("not a valid manifest: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<JsonNode> get(ObjectRef ref) throws TargetException {
        try {
            GenericKubernetesResource live = resource(ref).get();
            return Optional.ofNullable(live).map(this::toJson);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw new TargetException("cannot read the live object: " + reason(e), e);
        }
    }

    @Override
    public void delete(ObjectRef ref) throws TargetException {
        try {
            resource(ref).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return;
            }
            throw new TargetException("delete refused: " + reason(e), e);
        }
    }

    private Resource<GenericKubernetesResource> resource(ObjectRef ref) {
        var kind = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
        return ref.namespace() == null ? kind.withName(ref.name())
                : kind.inNamespace(ref.namespace()).withName(ref.name());
    }

    private JsonNode toJson(GenericKubernetesResource resource) {
        return client.getKubernetesSerialization().convertValue(resource, JsonNode.class);
    }

    /** The API server's own explanation (its Status message), without the request URL fabric8 adds. */
    private static String reason(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage();
        return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + message : message;
    }
}
