package io.lockstep.testsupport.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server-side apply merge of {@link ServerSideApplyDispatcher}, as pure functions over JSON trees.
 *
 * <p>Ownership is tracked the way the API server does it: each apply records the set of fields it declared in its
 * {@code metadata.managedFields} entry (operation {@code Apply}, {@code fieldsType: FieldsV1}, the real FieldsV1
 * syntax: {@code f:<field>}, {@code k:{"name":"web"}} for list items with a merge key, {@code .} for the item
 * itself). The next apply of the same manager compares its new field set with the recorded one; fields it declared
 * before but not now, and that no other apply manager owns, are removed.
 */
final class ApplyMerge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Metadata fields that identify or are written by the server; an applied config never owns them. */
    private static final Set<String> SERVER_METADATA = Set.of("name", "namespace", "uid", "resourceVersion",
            "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields",
            "selfLink");

    private ApplyMerge() {
    }

    /** One field owned by another apply manager that the new apply would change. */
    record Conflict(String manager, List<String> path) {
        /** The path as kubectl prints it, e.g. {@code .spec.template.spec.containers[name="web"].image}. */
        String display() {
            StringBuilder out = new StringBuilder();
            for (String element : path) {
                if (element.startsWith("f:")) {
                    out.append('.').append(element.substring(2));
                } else if (element.startsWith("k:")) {
                    ObjectNode key = (ObjectNode) parse(element.substring(2));
                    List<String> parts = new ArrayList<>();
                    key.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue()));
                    out.append('[').append(String.join(",", parts)).append(']');
                } else {
                    out.append('[').append(element.substring(2)).append(']');
                }
            }
            return out.toString();
        }
    }

    /**
     * The config an apply declares: the request body without {@code status} (a status subresource is never written
     * through the main resource), the server-written metadata, and explicit nulls (SSA treats them as undeclared).
     */
    static ObjectNode appliedConfig(ObjectNode body) {
        ObjectNode config = (ObjectNode) withoutNulls(body);
        config.remove("status");
        JsonNode metadata = config.get("metadata");
        if (metadata instanceof ObjectNode meta) {
            meta.remove(List.of("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
                    "selfLink"));
        }
        return config;
    }

    /** The FieldsV1 set of every field the applied config declares. */
    static ObjectNode fieldSet(ObjectNode config) {
        ObjectNode set = NODES.objectNode();
        config.fields().forEachRemaining(e -> {
            String name = e.getKey();
            if (name.equals("apiVersion") || name.equals("kind") || name.equals("status")) {
                return;
            }
            if (name.equals("metadata") && e.getValue() instanceof ObjectNode meta) {
                ObjectNode metaSet = NODES.objectNode();
                meta.fields().forEachRemaining(m -> {
                    if (!SERVER_METADATA.contains(m.getKey())) {
                        metaSet.set("f:" + m.getKey(), fieldsOf(m.getKey(), m.getValue()));
                    }
                });
                if (!metaSet.isEmpty()) {
                    set.set("f:metadata", metaSet);
                }
                return;
            }
            set.set("f:" + name, fieldsOf(name, e.getValue()));
        });
        return set;
    }

    private static ObjectNode fieldsOf(String name, JsonNode value) {
        ObjectNode set = NODES.objectNode();
        if (value.isObject()) {
            value.fields().forEachRemaining(e -> set.set("f:" + e.getKey(), fieldsOf(e.getKey(), e.getValue())));
        } else if (value.isArray()) {
            List<String> keys = mergeKeys(name, value);
            if (keys != null) {
                for (JsonNode item : value) {
                    ObjectNode itemSet = fieldsOf(name + "[]", item);
                    ObjectNode withSelf = NODES.objectNode();
                    withSelf.set(".", NODES.objectNode());
                    withSelf.setAll(itemSet);
                    set.set("k:" + keyOf(item, keys), withSelf);
                }
            }
            // A list without a merge key is atomic: the manager owns it as a whole, an empty (leaf) set.
        }
        return set;
    }

    /**
     * The merge key of a list field, as the API's {@code listType=map} / {@code listMapKeys} (and strategic merge
     * patch) declare it for the built-in types, or null for an atomic list. A list whose items do not all carry
     * the key is treated as atomic.
     */
    static List<String> mergeKeys(String field, JsonNode list) {
        List<String> keys = switch (field) {
            case "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets",
                    "resourceClaims", "schedulingGates" -> List.of("name");
            case "volumeMounts" -> List.of("mountPath");
            case "volumeDevices" -> List.of("devicePath");
            case "hostAliases", "podIPs", "hostIPs" -> List.of("ip");
            case "conditions" -> List.of("type");
            case "ownerReferences" -> List.of("uid");
            case "readinessGates" -> List.of("conditionType");
            case "topologySpreadConstraints" -> List.of("topologyKey", "whenUnsatisfiable");
            // Container ports are keyed by containerPort+protocol, Service ports by port+protocol.
            case "ports" -> list.size() > 0 && list.get(0).has("containerPort")
                    ? List.of("containerPort", "protocol") : List.of("port", "protocol");
            default -> null;
        };
        if (keys == null) {
            return null;
        }
        for (JsonNode item : list) {
            if (!item.isObject() || !item.has(keys.get(0))) {
                return null;
            }
        }
        return keys;
    }

    /** The FieldsV1 key of a list item, e.g. {@code {"containerPort":80,"protocol":"TCP"}}. */
    static String keyOf(JsonNode item, List<String> keys) {
        ObjectNode key = NODES.objectNode();
        for (String k : keys) {
            JsonNode value = item.get(k);
            if (value == null && k.equals("protocol")) {
                value = NODES.textNode("TCP"); // the API server defaults it before keying
            }
            if (value != null) {
                key.set(k, value);
            }
        }
        return key.toString();
    }

    /**
     * Fields of {@code managedFields} entries owned by other apply managers that this apply would change: with
     * {@code force} they are taken away from those managers (ownership moves), without it they are conflicts.
     */
    static List<Conflict> conflicts(ObjectNode live, ObjectNode config, ObjectNode newSet,
                                    Map<String, ObjectNode> otherApplySets) {
        List<Conflict> conflicts = new ArrayList<>();
        otherApplySets.forEach((manager, other) ->
                collectConflicts(manager, newSet, other, live, config, new ArrayList<>(), conflicts));
        return conflicts;
    }

    private static void collectConflicts(String manager, ObjectNode mine, ObjectNode theirs, JsonNode live,
                                         JsonNode applied, List<String> path, List<Conflict> out) {
        mine.fields().forEachRemaining(e -> {
            String element = e.getKey();
            JsonNode theirChild = theirs.get(element);
            if (element.equals(".") || !(theirChild instanceof ObjectNode their)) {
                return;
            }
            JsonNode liveChild = live == null ? null : locate(live, element);
            JsonNode appliedChild = applied == null ? null : locate(applied, element);
            List<String> childPath = new ArrayList<>(path);
            childPath.add(element);
            ObjectNode myChild = (ObjectNode) e.getValue();
            if (myChild.isEmpty() || their.isEmpty()) {
                if (liveChild != null && !liveChild.equals(appliedChild)) {
                    out.add(new Conflict(manager, childPath));
                }
            } else {
                collectConflicts(manager, myChild, their, liveChild, appliedChild, childPath, out);
            }
        });
    }

    /** Removes one path from a field set, and the parents it leaves empty. */
    static void disown(ObjectNode set, List<String> path) {
        if (path.isEmpty()) {
            return;
        }
        String head = path.get(0);
        if (path.size() == 1) {
            set.remove(head);
            return;
        }
        if (set.get(head) instanceof ObjectNode child) {
            disown(child, path.subList(1, path.size()));
            if (child.isEmpty() || (child.size() == 1 && child.has("."))) {
                set.remove(head);
            }
        }
    }

    /**
     * Removes from {@code node} the fields this manager declared in its previous apply ({@code oldSet}) but no
     * longer declares ({@code newSet}) and no other apply manager owns.
     */
    static void removeDropped(JsonNode node, ObjectNode oldSet, ObjectNode newSet, List<ObjectNode> others) {
        Iterator<Map.Entry<String, JsonNode>> fields = oldSet.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String element = e.getKey();
            if (element.equals(".")) {
                continue;
            }
            JsonNode stillMine = newSet == null ? null : newSet.get(element);
            List<ObjectNode> othersChild = new ArrayList<>();
            for (ObjectNode other : others) {
                if (other.get(element) instanceof ObjectNode o) {
                    othersChild.add(o);
                }
            }
            if (stillMine == null && othersChild.isEmpty()) {
                remove(node, element);
            } else if (e.getValue() instanceof ObjectNode oldChild && !oldChild.isEmpty()) {
                JsonNode child = locate(node, element);
                if (child != null) {
                    removeDropped(child, oldChild,
                            stillMine instanceof ObjectNode n ? n : NODES.objectNode(), othersChild);
                }
            }
        }
    }

    /** Merges the applied config into {@code target}: maps recursively, keyed lists by key, the rest replaced. */
    static void mergeInto(ObjectNode target, ObjectNode applied) {
        applied.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode value = e.getValue();
            JsonNode current = target.get(name);
            if (value.isObject() && current instanceof ObjectNode currentObject) {
                mergeInto(currentObject, (ObjectNode) value);
                return;
            }
            if (value.isArray() && current instanceof ArrayNode currentList) {
                List<String> keys = mergeKeys(name, value);
                if (keys != null && (currentList.isEmpty() || keys.equals(mergeKeys(name, currentList)))) {
                    mergeList(currentList, (ArrayNode) value, keys);
                    return;
                }
            }
            target.set(name, value.deepCopy());
        });
    }

    private static void mergeList(ArrayNode target, ArrayNode applied, List<String> keys) {
        Map<String, ObjectNode> byKey = new LinkedHashMap<>();
        for (JsonNode item : target) {
            byKey.put(keyOf(item, keys), (ObjectNode) item);
        }
        for (JsonNode item : applied) {
            ObjectNode existing = byKey.get(keyOf(item, keys));
            if (existing != null) {
                mergeInto(existing, (ObjectNode) item);
            } else {
                target.add(item.deepCopy());
            }
        }
    }

    private static void remove(JsonNode node, String element) {
        if (element.startsWith("f:") && node instanceof ObjectNode object) {
            object.remove(element.substring(2));
        } else if (node instanceof ArrayNode list && (element.startsWith("k:") || element.startsWith("v:"))) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (matches(list.get(i), element)) {
                    list.remove(i);
                }
            }
        }
    }

    private static JsonNode locate(JsonNode node, String element) {
        if (element.startsWith("f:")) {
            return node.isObject() ? node.get(element.substring(2)) : null;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (matches(item, element)) {
                    return item;
                }
            }
        }
        return null;
    }

    private static boolean matches(JsonNode item, String element) {
        if (element.startsWith("v:")) {
            return item.equals(parse(element.substring(2)));
        }
        if (!element.startsWith("k:") || !item.isObject()) {
            return false;
        }
        ObjectNode key = (ObjectNode) parse(element.substring(2));
        Iterator<Map.Entry<String, JsonNode>> fields = key.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> k = fields.next();
            JsonNode value = item.get(k.getKey());
            if (value == null && k.getKey().equals("protocol")) {
                value = NODES.textNode("TCP");
            }
            if (!k.getValue().equals(value)) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(item -> copy.add(withoutNulls(item)));
            return copy;
        }
        return node;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed FieldsV1 element: " + json, e);
        }
    }
}
