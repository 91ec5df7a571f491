package io.lockstep.testsupport.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * fabric8's CRUD API server emulator taught server-side apply ({@code PATCH} with
 * {@code Content-Type: application/apply-patch+yaml}, query {@code fieldManager}, {@code force}, {@code dryRun}).
 *
 * <p>An apply is turned into the emulator's own create ({@code POST} to the collection) or update ({@code PUT} with
 * the live {@code resourceVersion}), so resourceVersion, generation, watch events and CRD registration behave like
 * every other write. The merge itself is {@link ApplyMerge}: maps merged recursively, lists with a merge key
 * (containers, env, volumes, ports, ...) merged by key, other lists replaced; fields the same manager applied before
 * but no longer declares are removed. Each manager's owned fields live in its {@code metadata.managedFields} entry
 * (operation {@code Apply}, real FieldsV1 syntax), which is also what the next apply compares against, so nothing is
 * kept beside the stored object. Without {@code force=true}, changing a field another apply manager owns answers
 * 409 like the API server; with it, ownership moves.
 *
 * <p>Gaps, on purpose: no strategic merge patch, no {@code Update} entries in managedFields for plain writes (so a
 * PUT never causes an apply conflict), no apply to the {@code /status} subresource, {@code status} in an applied
 * config is ignored, and {@code metadata.finalizers} is treated as an atomic list rather than a set.
 */
public class ServerSideApplyDispatcher extends KubernetesCrudDispatcher {
    static final String APPLY_PATCH = "application/apply-patch";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final int ATTEMPTS = 5;

    /** Applies run one at a time: the read-merge-write must see its own previous writes. */
    private final Object applyLock = new Object();

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith(APPLY_PATCH)) {
            return super.handlePatch(request);
        }
        try {
            return apply(request);
        } catch (ApplyException e) {
            return status(e.code, e.reason, e.getMessage());
        }
    }

    private MockResponse apply(RecordedRequest request) {
        String rawPath = request.getPath();
        int q = rawPath.indexOf('?');
        String path = q < 0 ? rawPath : rawPath.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : rawPath.substring(q + 1));
        String manager = query.get("fieldManager");
        if (manager == null || manager.isBlank()) {
            throw new ApplyException(422, "Invalid", "fieldManager is required for apply requests");
        }
        if (path.endsWith("/status") || path.endsWith("/scale")) {
            throw new ApplyException(415, "UnsupportedMediaType",
                    "the emulator does not support server-side apply to subresources: " + path);
        }
        boolean force = "true".equalsIgnoreCase(query.get("force"));
        boolean dryRun = "All".equals(query.get("dryRun"));
        ObjectNode config = ApplyMerge.appliedConfig(parseBody(request.getBody().readUtf8()));
        validateIdentity(config, path);

        synchronized (applyLock) {
            for (int attempt = 1; ; attempt++) {
                MockResponse live = handleGet(path);
                MockResponse result = live.code() == HttpURLConnection.HTTP_NOT_FOUND
                        ? create(path, config, manager, dryRun)
                        : update(path, (ObjectNode) parse(bodyOf(live)), config, manager, force, dryRun);
                // 409 here means a concurrent plain write won the race between our read and write: read again.
                if (result.code() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
                    return result;
                }
            }
        }
    }

    private MockResponse create(String path, ObjectNode config, String manager, boolean dryRun) {
        ObjectNode object = config.deepCopy();
        ObjectNode metadata = metadata(object);
        setManagedFields(metadata, List.of(entry(manager, config, ApplyMerge.fieldSet(config))));
        if (dryRun) {
            metadata.put("uid", UUID.randomUUID().toString());
            metadata.put("creationTimestamp", now());
            metadata.put("generation", 1);
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_CREATED).setBody(object.toString());
        }
        String collection = path.substring(0, path.lastIndexOf('/'));
        MockResponse created = handleCreate(request(HttpMethod.POST, collection, object));
        if (created.code() == HttpURLConnection.HTTP_OK) {
            created.setResponseCode(HttpURLConnection.HTTP_CREATED);
        }
        return created;
    }

    private MockResponse update(String path, ObjectNode live, ObjectNode config, String manager, boolean force,
                                boolean dryRun) {
        String expectedVersion = config.path("metadata").path("resourceVersion").asText("");
        String liveVersion = live.path("metadata").path("resourceVersion").asText("");
        if (!expectedVersion.isEmpty() && !expectedVersion.equals(liveVersion)) {
            throw new ApplyException(409, "Conflict", "the object has been modified; please apply your changes "
                    + "to the latest version and try again");
        }
        ObjectNode newSet = ApplyMerge.fieldSet(config);
        List<ObjectNode> entries = managedFields(live);
        ObjectNode previous = null;
        Map<String, ObjectNode> otherApplySets = new LinkedHashMap<>();
        for (ObjectNode e : entries) {
            if (!"Apply".equals(e.path("operation").asText()) || !(e.get("fieldsV1") instanceof ObjectNode set)) {
                continue;
            }
            if (manager.equals(e.path("manager").asText())) {
                previous = set;
            } else {
                otherApplySets.put(e.path("manager").asText(), set);
            }
        }

        List<ApplyMerge.Conflict> conflicts = ApplyMerge.conflicts(live, config, newSet, otherApplySets);
        if (!conflicts.isEmpty() && !force) {
            throw new ApplyException(409, "Conflict", "Apply failed with " + conflicts.size() + " conflict"
                    + (conflicts.size() == 1 ? "" : "s") + ": " + conflicts.stream()
                    .map(c -> "conflict with \"" + c.manager() + "\" using " + config.path("apiVersion").asText()
                            + ": " + c.display())
                    .collect(Collectors.joining("\n")));
        }

        ObjectNode merged = live.deepCopy();
        for (ApplyMerge.Conflict c : conflicts) {
            ApplyMerge.disown(otherApplySets.get(c.manager()), c.path());
        }
        if (previous != null) {
            ApplyMerge.removeDropped(merged, previous, newSet, new ArrayList<>(otherApplySets.values()));
        }
        ApplyMerge.mergeInto(merged, withoutIdentity(config));

        List<ObjectNode> newEntries = new ArrayList<>();
        boolean replaced = false;
        for (ObjectNode e : entries) {
            String owner = e.path("manager").asText();
            boolean apply = "Apply".equals(e.path("operation").asText());
            if (apply && owner.equals(manager)) {
                newEntries.add(entry(manager, config, newSet));
                replaced = true;
            } else if (!apply || !otherApplySets.containsKey(owner) || !otherApplySets.get(owner).isEmpty()) {
                newEntries.add(e);
            }
        }
        if (!replaced) {
            newEntries.add(entry(manager, config, newSet));
        }
        setManagedFields(metadata(merged), newEntries);

        if (unchangedApartFromTimes(live, merged)) {
            // The API server does not write (nor bump resourceVersion) when an apply changes nothing.
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(live.toString());
        }
        if (dryRun) {
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(merged.toString());
        }
        return handleUpdate(request(HttpMethod.PUT, path, merged));
    }

    private static boolean unchangedApartFromTimes(ObjectNode live, ObjectNode merged) {
        ObjectNode a = live.deepCopy();
        ObjectNode b = merged.deepCopy();
        for (ObjectNode o : List.of(a, b)) {
            if (o.path("metadata").get("managedFields") instanceof ArrayNode entries) {
                entries.forEach(e -> ((ObjectNode) e).remove("time"));
            }
        }
        return a.equals(b);
    }

    private static ObjectNode entry(String manager, ObjectNode config, ObjectNode fields) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("manager", manager);
        entry.put("operation", "Apply");
        entry.put("apiVersion", config.path("apiVersion").asText());
        entry.put("time", now());
        entry.put("fieldsType", "FieldsV1");
        entry.set("fieldsV1", fields);
        return entry;
    }

    private static List<ObjectNode> managedFields(ObjectNode object) {
        List<ObjectNode> entries = new ArrayList<>();
        if (object.path("metadata").get("managedFields") instanceof ArrayNode list) {
            list.forEach(e -> entries.add((ObjectNode) e.deepCopy()));
        }
        return entries;
    }

    private static void setManagedFields(ObjectNode metadata, List<ObjectNode> entries) {
        ArrayNode list = metadata.putArray("managedFields");
        entries.forEach(list::add);
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
    }

    /** The config without the fields that must not be merged into a live object (they only identify it). */
    private static ObjectNode withoutIdentity(ObjectNode config) {
        ObjectNode copy = config.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode meta) {
            meta.remove(List.of("name", "namespace", "resourceVersion"));
        }
        return copy;
    }

    private static void validateIdentity(ObjectNode config, String path) {
        if (config.path("apiVersion").asText("").isEmpty() || config.path("kind").asText("").isEmpty()) {
            throw new ApplyException(400, "BadRequest", "apiVersion and kind must be set in an applied config");
        }
        String name = config.path("metadata").path("name").asText("");
        String pathName = path.substring(path.lastIndexOf('/') + 1);
        if (!name.equals(pathName)) {
            throw new ApplyException(400, "BadRequest",
                    "the name of the object (" + name + ") does not match the name on the URL (" + pathName + ")");
        }
        String namespace = config.path("metadata").path("namespace").asText("");
        int ns = path.indexOf("/namespaces/");
        if (!namespace.isEmpty() && ns >= 0) {
            String rest = path.substring(ns + "/namespaces/".length());
            String pathNamespace = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            // A Namespace object's own URL is /api/v1/namespaces/<name>: no namespace segment to compare.
            if (rest.contains("/") && !namespace.equals(pathNamespace)) {
                throw new ApplyException(400, "BadRequest", "the namespace of the object (" + namespace
                        + ") does not match the namespace on the URL (" + pathNamespace + ")");
            }
        }
    }

    private static ObjectNode parseBody(String body) {
        try {
            JsonNode node = YAML.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw new ApplyException(400, "BadRequest", "the apply patch is not valid YAML: "
                    + e.getOriginalMessage());
        }
        throw new ApplyException(400, "BadRequest", "the apply patch must be a YAML or JSON object");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the emulator stored malformed JSON", e);
        }
    }

    private static String bodyOf(MockResponse response) {
        return new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private static RecordedRequest request(HttpMethod method, String path, JsonNode body) {
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        return new RecordedRequest("HTTP/1.1", method, path, headers, new Buffer().writeUtf8(body.toString()));
    }

    private static Map<String, String> query(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static MockResponse status(int code, String reason, String message) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("apiVersion", "v1");
        status.put("kind", "Status");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("code", code);
        return new MockResponse().setResponseCode(code).setBody(status.toString());
    }

    /** A refused apply, answered as a Kubernetes {@code Status}. */
    private static final class ApplyException extends RuntimeException {
        private final int code;
        private final String reason;

        ApplyException(int code, String reason, String message) {
            super(message);
            this.code = code;
            this.reason = reason;
        }
    }
}
