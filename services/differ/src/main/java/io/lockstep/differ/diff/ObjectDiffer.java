package io.lockstep.differ.diff;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares one desired object with its live counterpart on the fields the repository declares, and nothing else.
 *
 * <ul>
 * <li>A field the live object has and the desired one does not (defaulted or added by the server, a webhook or a
 * controller) is not drift.</li>
 * <li>A list whose desired items all have a {@code name} is compared item by item by name, so order and items added
 * by others (an injected sidecar) are not drift; other lists are compared position by position, and a different
 * length is drift.</li>
 * <li>{@code apiVersion} is not compared: objects are paired by group and kind, whatever the version.</li>
 * <li>{@code status} and the server-owned metadata ({@link #SERVER_METADATA}) are ignored even when declared.</li>
 * <li>Scalars compare by value: {@code 80} equals {@code "80"}, and resource quantities compare by amount
 * ({@code "1000m"} equals {@code 1}). An empty map or list declared equals an absent one.</li>
 * <li>A Secret's {@code stringData} is compared as the base64 {@code data} the server stores.</li>
 * <li>Given the object as the previous revision declared it, a field declared then, no longer declared, and still
 * live with the value Lockstep gave it is drift (a removal): Lockstep owned it, so applying the new manifest removes
 * it. A field Lockstep never declared, or whose live value someone else has changed since, is not.</li>
 * </ul>
 */
public final class ObjectDiffer {
    /** Metadata the server owns; a manifest exported from a cluster carries them, but they are never drift. */
    public static final Set<String> SERVER_METADATA = Set.of("managedFields", "resourceVersion", "uid", "generation",
            "creationTimestamp", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");
    private static final Set<String> QUANTITY_PARENTS = Set.of("limits", "requests", "capacity", "hard",
            "allocatable", "storage");

    /** The desired manifest without what the server owns: the form that is compared, and applied. */
    public static ObjectNode normalized(ObjectNode desired) {
        ObjectNode copy = desired.deepCopy();
        copy.remove("status");
        JsonNode metadata = copy.get("metadata");
        if (metadata instanceof ObjectNode meta) {
            meta.remove(SERVER_METADATA);
        }
        return copy;
    }

    /** The declared fields of {@code desired} whose live values differ, in document order. */
    public List<FieldChange> compare(ObjectNode desired, JsonNode live) {
        return compare(desired, live, List.of());
    }

    /**
     * As {@link #compare(ObjectNode, JsonNode)}, leaving out the fields at {@code ignored} (JSON pointers into the
     * manifest as the server stores it, so a Secret's {@code stringData} keys are addressed under {@code /data}).
     */
    public List<FieldChange> compare(ObjectNode desired, JsonNode live, List<JsonPointer> ignored) {
        return compare(desired, null, live, ignored);
    }

    /**
     * As {@link #compare(ObjectNode, JsonNode, List)}, plus the fields {@code previous} (the object as the previous
     * revision declared it; null for none) declared that {@code desired} no longer declares and that are still live
     * with the value previously declared: those come last, with a null {@code desired}.
     */
    public List<FieldChange> compare(ObjectNode desired, ObjectNode previous, JsonNode live,
            List<JsonPointer> ignored) {
        ObjectNode comparable = comparable(desired);
        ObjectNode declared = previous == null ? null : comparable.deepCopy();
        for (JsonPointer pointer : ignored) {
            ignore(comparable, live, pointer);
        }
        List<FieldChange> changes = new ArrayList<>();
        compare("", comparable, live, changes);
        if (previous != null && live != null) {
            List<String> ignoredPointers = ignored.stream().map(JsonPointer::toString).toList();
            removed("", "", comparable(previous), declared, live, ignoredPointers, changes);
        }
        return changes;
    }

    private static ObjectNode comparable(ObjectNode manifest) {
        ObjectNode comparable = secretAsStored(normalized(manifest));
        // Objects are paired by group, and the API server serves every version of a group: not drift.
        comparable.remove("apiVersion");
        return comparable;
    }

    /**
     * Walks what the previous revision declared beside what is declared now and what is live, and records each field
     * (or named list item) declared before, not now, and still live as it was declared. {@code pointer} addresses
     * the live object, so that ignore rules apply to removals as to changes.
     */
    private void removed(String path, String pointer, JsonNode previous, JsonNode current, JsonNode live,
            List<String> ignored, List<FieldChange> changes) {
        if (previous.isObject() && current.isObject() && live.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = previous.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode liveChild = live.get(entry.getKey());
                if (liveChild == null || liveChild.isNull()) {
                    continue;
                }
                String childPath = path.isEmpty() ? escape(entry.getKey()) : path + "." + escape(entry.getKey());
                String childPointer = pointer + "/" + pointerToken(entry.getKey());
                JsonNode currentChild = current.get(entry.getKey());
                if (currentChild == null || currentChild.isNull()) {
                    removal(childPath, childPointer, entry.getValue(), liveChild, ignored, changes);
                } else {
                    removed(childPath, childPointer, entry.getValue(), currentChild, liveChild, ignored, changes);
                }
            }
        } else if (previous.isArray() && current.isArray() && live.isArray()) {
            if (hasNameKey(previous) && allObjects(live)) {
                Map<String, JsonNode> currentByName = new HashMap<>();
                current.forEach(item -> {
                    if (item.path("name").isTextual()) {
                        currentByName.putIfAbsent(item.get("name").asText(), item);
                    }
                });
                Map<String, Integer> liveIndex = new HashMap<>();
                for (int i = 0; i < live.size(); i++) {
                    if (live.get(i).path("name").isTextual()) {
                        liveIndex.putIfAbsent(live.get(i).get("name").asText(), i);
                    }
                }
                for (JsonNode item : previous) {
                    String name = item.get("name").asText();
                    Integer index = liveIndex.get(name);
                    if (index == null) {
                        continue;
                    }
                    String itemPath = path + "[name=" + name + "]";
                    String itemPointer = pointer + "/" + index;
                    JsonNode currentItem = currentByName.get(name);
                    if (currentItem == null) {
                        removal(itemPath, itemPointer, item, live.get(index), ignored, changes);
                    } else {
                        removed(itemPath, itemPointer, item, currentItem, live.get(index), ignored, changes);
                    }
                }
            } else if (previous.size() == current.size() && current.size() == live.size()) {
                // Lists without names are replaced as a whole; only same-shaped ones can lose a field inside an item.
                for (int i = 0; i < previous.size(); i++) {
                    removed(path + "[" + i + "]", pointer + "/" + i, previous.get(i), current.get(i), live.get(i),
                            ignored, changes);
                }
            }
        }
    }

    /** A field no longer declared is drift while the live value is still the one Lockstep declared before. */
    private void removal(String path, String pointer, JsonNode previous, JsonNode live, List<String> ignored,
            List<FieldChange> changes) {
        if (isEmpty(previous) || ignored.stream().anyMatch(p -> pointer.equals(p) || pointer.startsWith(p + "/"))) {
            return;
        }
        List<FieldChange> differences = new ArrayList<>();
        compare(path, previous, live, differences);
        if (differences.isEmpty()) {
            changes.add(new FieldChange(path, previous, null));
        }
    }

    private static String pointerToken(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Makes the desired field at {@code pointer} agree with the live one: the live value is copied in (so positions
     * in lists stay aligned), or the field is dropped when the live object lacks it.
     */
    private static void ignore(ObjectNode comparable, JsonNode live, JsonPointer pointer) {
        JsonNode parent = comparable.at(pointer.head());
        JsonNode liveValue = live == null ? null : live.at(pointer);
        boolean liveHas = liveValue != null && !liveValue.isMissingNode();
        String last = pointer.last().getMatchingProperty();
        if (parent instanceof ObjectNode object && object.has(last)) {
            if (liveHas) {
                object.set(last, liveValue.deepCopy());
            } else {
                object.remove(last);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = pointer.last().getMatchingIndex();
            if (index >= 0 && index < array.size()) {
                if (liveHas) {
                    array.set(index, liveValue.deepCopy());
                } else {
                    array.remove(index);
                }
            }
        }
    }

    private void compare(String path, JsonNode desired, JsonNode live, List<FieldChange> changes) {
        if (desired.isObject()) {
            if (live == null || !live.isObject()) {
                changes.add(new FieldChange(path, live, desired));
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                String childPath = path.isEmpty() ? escape(entry.getKey()) : path + "." + escape(entry.getKey());
                JsonNode liveChild = live.get(entry.getKey());
                if (liveChild == null || liveChild.isNull()) {
                    if (!isEmpty(entry.getValue())) {
                        changes.add(new FieldChange(childPath, null, entry.getValue()));
                    }
                    continue;
                }
                compare(childPath, entry.getValue(), liveChild, changes);
            }
        } else if (desired.isArray()) {
            if (live == null || !live.isArray()) {
                changes.add(new FieldChange(path, live, desired));
            } else if (hasNameKey(desired) && allObjects(live)) {
                compareByName(path, desired, live, changes);
            } else if (desired.size() != live.size()) {
                changes.add(new FieldChange(path, live, desired));
            } else {
                for (int i = 0; i < desired.size(); i++) {
                    compare(path + "[" + i + "]", desired.get(i), live.get(i), changes);
                }
            }
        } else if (!scalarEquals(parentKey(path), desired, live)) {
            changes.add(new FieldChange(path, live, desired));
        }
    }

    private void compareByName(String path, JsonNode desired, JsonNode live, List<FieldChange> changes) {
        Map<String, JsonNode> liveByName = new HashMap<>();
        for (JsonNode item : live) {
            if (item.path("name").isTextual()) {
                liveByName.putIfAbsent(item.get("name").asText(), item);
            }
        }
        for (JsonNode item : desired) {
            String name = item.get("name").asText();
            String itemPath = path + "[name=" + name + "]";
            JsonNode liveItem = liveByName.get(name);
            if (liveItem == null) {
                changes.add(new FieldChange(itemPath, null, item));
            } else {
                compare(itemPath, item, liveItem, changes);
            }
        }
    }

    private static boolean hasNameKey(JsonNode array) {
        if (array.isEmpty()) {
            return false;
        }
        for (JsonNode item : array) {
            if (!item.isObject() || !item.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmpty(JsonNode node) {
        return node.isNull() || (node.isContainerNode() && node.isEmpty());
    }

    private static String parentKey(String path) {
        int dot = path.lastIndexOf('.');
        String parent = dot < 0 ? "" : path.substring(0, dot);
        return parent.substring(parent.lastIndexOf('.') + 1);
    }

    private static boolean scalarEquals(String parent, JsonNode desired, JsonNode live) {
        if (live == null || live.isContainerNode()) {
            return false;
        }
        if (desired.equals(live)) {
            return true;
        }
        if (desired.isNumber() && live.isNumber()) {
            return desired.decimalValue().compareTo(live.decimalValue()) == 0;
        }
        if (QUANTITY_PARENTS.contains(parent) || desired.isNumber() || live.isNumber()) {
            Optional<BigDecimal> d = quantity(desired);
            Optional<BigDecimal> l = quantity(live);
            if (d.isPresent() && l.isPresent()) {
                return d.get().compareTo(l.get()) == 0;
            }
        }
        // YAML and JSON disagree on types that Kubernetes treats alike ("true" vs true in an IntOrString-like field).
        return desired.isValueNode() && live.isValueNode() && desired.asText().equals(live.asText());
    }

    private static Optional<BigDecimal> quantity(JsonNode node) {
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        return node.isTextual() ? Quantities.parse(node.asText()) : Optional.empty();
    }

    /** A Secret's stringData as the server stores it: merged into data, base64-encoded. */
    private static ObjectNode secretAsStored(ObjectNode manifest) {
        if (!"Secret".equals(manifest.path("kind").asText()) || !manifest.path("stringData").isObject()) {
            return manifest;
        }
        ObjectNode data = manifest.path("data").isObject() ? (ObjectNode) manifest.get("data")
                : manifest.putObject("data");
        manifest.get("stringData").fields().forEachRemaining(e -> data.set(e.getKey(), new TextNode(
                Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)))));
        manifest.remove("stringData");
        return manifest;
    }

    private static String escape(String key) {
        return key.indexOf('.') >= 0 || key.indexOf('/') >= 0 ? "\"" + key + "\"" : key;
    }
}
