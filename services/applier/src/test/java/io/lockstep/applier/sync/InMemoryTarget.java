package io.lockstep.applier.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.model.ObjectRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A cluster in a map, for the pure sync tests: stores what is applied (replacing, no merge semantics), records the
 * calls in order, and can be told to refuse an object or to decorate live objects (status for health rules).
 * The integration tests use fabric8's API server emulator instead.
 */
final class InMemoryTarget implements SyncTarget {
    final Map<String, JsonNode> objects = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    /** Whether each apply (in call order) asked to force conflicts. */
    final List<Boolean> forced = new ArrayList<>();
    final Map<String, String> refusals = new LinkedHashMap<>();
    final Map<String, java.util.Deque<TargetException>> scripted = new LinkedHashMap<>();
    UnaryOperator<JsonNode> liveView = UnaryOperator.identity();

    /** The next applies of {@code ref} fail with these, in order; then applies succeed again. */
    void failNextApplies(ObjectRef ref, TargetException... failures) {
        scripted.computeIfAbsent(ref.key(), k -> new java.util.ArrayDeque<>()).addAll(List.of(failures));
    }

    void put(JsonNode live) {
        objects.put(io.lockstep.applier.fixtures.Manifests.ref(live).key(), live);
    }

    void refuse(ObjectRef ref, String reason) {
        refusals.put(ref.key(), reason);
    }

    @Override
    public JsonNode apply(ObjectRef ref, JsonNode desired, boolean force) throws TargetException {
        calls.add("apply " + ref);
        forced.add(force);
        java.util.Deque<TargetException> next = scripted.get(ref.key());
        if (next != null && !next.isEmpty()) {
            throw next.pop();
        }
        if (refusals.containsKey(ref.key())) {
            throw new TargetException(refusals.get(ref.key()));
        }
        ObjectNode copy = desired.deepCopy();
        objects.put(ref.key(), copy);
        return copy;
    }

    @Override
    public Optional<JsonNode> get(ObjectRef ref) {
        JsonNode live = objects.get(ref.key());
        return Optional.ofNullable(live == null ? null : liveView.apply(live.deepCopy()));
    }

    @Override
    public void delete(ObjectRef ref) throws TargetException {
        calls.add("delete " + ref);
        if (refusals.containsKey(ref.key())) {
            throw new TargetException(refusals.get(ref.key()));
        }
        objects.remove(ref.key());
    }
}
