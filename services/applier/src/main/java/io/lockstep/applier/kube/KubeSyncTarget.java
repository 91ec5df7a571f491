package io.lockstep.applier.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.lockstep.applier.sync.SyncTarget;
import io.lockstep.applier.sync.TargetException;
import io.lockstep.contracts.model.ObjectRef;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One target cluster through the ordinary fabric8 client: server-side apply under Lockstep's field manager, reads
 * of live objects, and background-propagated deletes (the garbage collector removes dependents, as kubectl does).
 * API errors are typed for the sync: transient ones (5xx, 429, connection errors, a 409 because the object changed
 * under us) are retried, the others (validation, forbidden, apply conflicts with another manager, immutable fields)
 * are reported with the server's reason.
 */
public class KubeSyncTarget implements SyncTarget {
    private static final Pattern IMMUTABLE = Pattern.compile("([\\w.\\[\\]-]+): Invalid value: .*?field is immutable");

    private final KubernetesClient client;
    private final String fieldManager;

    public KubeSyncTarget(KubernetesClient client, String fieldManager) {
        this.client = client;
        this.fieldManager = fieldManager;
    }

    @Override
    public JsonNode apply(ObjectRef ref, JsonNode desired, boolean force) throws TargetException {
        try {
            GenericKubernetesResource resource = client.getKubernetesSerialization()
                    .convertValue(desired, GenericKubernetesResource.class);
            ServerSideApplicable<GenericKubernetesResource> apply = client.resource(resource)
                    .fieldManager(fieldManager);
            if (force) {
                apply = apply.forceConflicts();
            }
            return toJson(apply.serverSideApply());
        } catch (KubernetesClientException e) {
            throw failure("server-side apply refused", e);
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
            throw failure("cannot read the live object", e);
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
            throw failure("delete refused", e);
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

    /** Types an API error: the reason users see, and whether trying again may help. */
    static TargetException failure(String action, KubernetesClientException e) {
        int code = e.getCode();
        String reason = reason(e);
        if (code == 422) {
            String field = immutableField(e);
            if (field != null) {
                return TargetException.immutableField(action + ": immutable field " + field + " changed; the object "
                        + "must be deleted and re-created to change it (" + reason + ")", field, e);
            }
        }
        if (code == 409 && isApplyConflict(reason)) {
            return TargetException.conflict(action + ": fields are owned by another field manager (" + reason + ")",
                    e);
        }
        boolean retry = code >= 500 || code == 429 || code == 409
                || (code <= 0 && causedByIo(e));
        String message = action + ": " + reason;
        return retry ? TargetException.transientFailure(message, e) : new TargetException(message, e);
    }

    /** An apply conflict with another field manager: trying again conflicts again, only forcing helps. */
    private static boolean isApplyConflict(String reason) {
        return reason.contains("Apply failed with") || reason.contains("conflict with");
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The field the API server calls immutable, from the Status causes or, failing that, from its message. */
    static String immutableField(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status != null && status.getDetails() != null && status.getDetails().getCauses() != null) {
            for (StatusCause cause : status.getDetails().getCauses()) {
                if (cause.getMessage() != null && cause.getMessage().contains("immutable") && cause.getField() != null) {
                    return cause.getField();
                }
            }
        }
        String message = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
        Matcher m = message == null ? null : IMMUTABLE.matcher(message);
        return m != null && m.find() ? m.group(1) : null;
    }

    /** The API server's own explanation (its Status message), without the request URL fabric8 adds. */
    private static String reason(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage();
        return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + message : message;
    }
}
