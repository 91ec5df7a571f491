package io.lockstep.differ.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.differ.diff.LiveSnapshot;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the differ reads live objects. In production {@link InformerLiveState}: informer caches, so that a diff makes
 * no API call at all.
 */
public interface LiveState {
    /**
     * The live object as JSON, or empty when it does not exist (or its kind is not served yet, e.g. a custom resource
     * whose CRD is part of the same application).
     *
     * @throws LiveStateException when the cluster cannot answer; the diff must not mistake that for "absent"
     */
    Optional<JsonNode> get(ObjectRef ref);

    /** Reads every object once, deduplicated by key; an implementation may batch (start informers, then read). */
    default LiveSnapshot snapshot(Collection<ObjectRef> refs) {
        Map<String, JsonNode> objects = new HashMap<>();
        for (ObjectRef ref : refs) {
            if (!objects.containsKey(ref.key())) {
                get(ref).ifPresent(object -> objects.put(ref.key(), object));
            }
        }
        return new LiveSnapshot(objects);
    }
}
