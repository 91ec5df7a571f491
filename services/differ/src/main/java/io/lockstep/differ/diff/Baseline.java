package io.lockstep.differ.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.model.ObjectRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What an application desired before the revision being diffed: the objects (what may be pruned) and their
 * manifests by {@link ObjectRef#key()} (which fields Lockstep declared, so that one removed from the repository is
 * seen as drift).
 */
public record Baseline(Collection<ObjectRef> refs, Map<String, ObjectNode> manifests) {
    public Baseline {
        refs = List.copyOf(refs);
        manifests = Map.copyOf(manifests);
    }

    /** Nothing desired before: a first commit. */
    public static Baseline none() {
        return new Baseline(List.of(), Map.of());
    }

    /** Previous objects without their manifests: prunes are planned, removed fields are not seen. */
    public static Baseline of(Collection<ObjectRef> refs) {
        return new Baseline(refs, Map.of());
    }
}
