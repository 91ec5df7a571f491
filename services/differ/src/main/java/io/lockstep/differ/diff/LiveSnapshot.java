package io.lockstep.differ.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.contracts.model.ObjectRef;
import java.util.Map;
import java.util.Optional;

/** The live objects a diff looks at, keyed by {@link ObjectRef#key()}; an absent key means the object does not exist. */
public record LiveSnapshot(Map<String, JsonNode> objects) {
    public LiveSnapshot {
        objects = Map.copyOf(objects);
    }

    public Optional<JsonNode> get(ObjectRef ref) {
        return Optional.ofNullable(objects.get(ref.key()));
    }
}
