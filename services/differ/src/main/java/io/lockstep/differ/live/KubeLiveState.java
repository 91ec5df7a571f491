package io.lockstep.differ.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.serde.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Reads live objects with fabric8's generic resources, one GET per object (read-only: never writes). */
@ApplicationScoped
public class KubeLiveState implements LiveState {
    private final KubernetesClient client;

    public KubeLiveState(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<JsonNode> get(ObjectRef ref) {
        try {
            var resources = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
            Resource<GenericKubernetesResource> resource = ref.namespace() == null
                    ? resources.withName(ref.name())
                    : resources.inNamespace(ref.namespace()).withName(ref.name());
            GenericKubernetesResource live = resource.get();
            return live == null ? Optional.empty() : Optional.of(EventCodec.mapper().valueToTree(live));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            if (isUnknownKind(e)) {
                // The kind is not served (yet): a custom resource whose CRD this very plan creates.
                return Optional.empty();
            }
            throw new LiveStateException("cannot read " + ref + " from the cluster: " + e.getMessage(), e);
        }
    }

    private static boolean isUnknownKind(KubernetesClientException e) {
        String message = e.getMessage();
        return e.getCode() == 0 && message != null && message.contains("Could not find the metadata for");
    }
}
