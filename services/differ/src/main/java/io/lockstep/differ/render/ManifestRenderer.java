package io.lockstep.differ.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an application's source into the desired objects: a Helm chart when the folder has a {@code Chart.yaml}
 * ({@link ChartSource}), else every {@code .yaml}, {@code .yml} and {@code .json} file under the application's
 * folder, recursively, in path order; multi-document files; empty
 * documents skipped; {@code List} kinds expanded. It ensures each object has a kind, an apiVersion and a name, sits
 * in the target namespace when namespaced and carries Lockstep's tracking annotation and label. The first error
 * stops the render: an application is rendered whole or not at all.
 */
public final class ManifestRenderer {
    private final ManifestParser parser;
    private final ClusterScopedKinds clusterScoped;
    private final ChartSource charts;

    /** A renderer for plain YAML/JSON only. */
    public ManifestRenderer(RenderLimits limits, ClusterScopedKinds clusterScoped) {
        this(limits, clusterScoped, null);
    }

    /** A renderer that also renders Helm charts (a folder with {@code Chart.yaml}) through {@code charts}. */
    public ManifestRenderer(RenderLimits limits, ClusterScopedKinds clusterScoped, ChartRenderer charts) {
        this.parser = new ManifestParser(limits);
        this.clusterScoped = clusterScoped;
        this.charts = new ChartSource(parser, charts);
    }

    public List<DesiredObject> render(String appId, AppSpec app, List<SourceFile> files) throws RenderException {
        // Sources with repo-relative paths: the files themselves, or what the chart renders (per template).
        List<SourceFile> sources = ChartSource.isChart(files) ? charts.render(app, files)
                : files.stream()
                        .filter(f -> isManifest(f.path()))
                        .sorted(Comparator.comparing(SourceFile::path))
                        .map(f -> new SourceFile(repoPath(app.path(), f.path()), f.content()))
                        .toList();
        List<DesiredObject> objects = new ArrayList<>();
        Map<String, DesiredObject> byKey = new HashMap<>();
        for (SourceFile source : sources) {
            String file = source.path();
            for (ManifestParser.Document document : parser.parse(file, source.content())) {
                for (JsonNode item : expandLists(file, document)) {
                    DesiredObject object = toObject(appId, app, file, document.line(), item);
                    DesiredObject first = byKey.putIfAbsent(object.ref().key(), object);
                    if (first != null) {
                        throw new RenderException(file, document.line(), object.ref() + " is declared twice: also in "
                                + first.file() + " line " + first.line());
                    }
                    objects.add(object);
                }
            }
        }
        return List.copyOf(objects);
    }

    private static boolean isManifest(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
    }

    /** The path users see in their repository: {@code <app.path>/<file>}. */
    static String repoPath(String appPath, String file) {
        String base = appPath.replaceAll("^\\./", "").replaceAll("/+$", "");
        return base.isEmpty() || base.equals(".") ? file : base + "/" + file;
    }

    private static List<JsonNode> expandLists(String file, ManifestParser.Document document) throws RenderException {
        JsonNode content = document.content();
        if (!content.isObject()) {
            throw new RenderException(file, document.line(), "a manifest must be a mapping (an object), found "
                    + content.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        String kind = content.path("kind").asText("");
        if (content.path("items").isArray() && (kind.equals("List") || kind.endsWith("List"))) {
            List<JsonNode> items = new ArrayList<>();
            for (JsonNode item : content.get("items")) {
                if (!item.isObject()) {
                    throw new RenderException(file, document.line(), "every item of a " + kind + " must be an object");
                }
                items.add(item);
            }
            return items;
        }
        return List.of(content);
    }

    private DesiredObject toObject(String appId, AppSpec app, String file, int line, JsonNode node)
            throws RenderException {
        ObjectNode manifest = ((ObjectNode) node).deepCopy();
        String apiVersion = requiredText(manifest, "apiVersion", file, line);
        String kind = requiredText(manifest, "kind", file, line);
        JsonNode metadataNode = manifest.get("metadata");
        if (metadataNode == null || !metadataNode.isObject()) {
            throw new RenderException(file, line, kind + " has no metadata (metadata.name is required)");
        }
        ObjectNode metadata = (ObjectNode) metadataNode;
        JsonNode name = metadata.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new RenderException(file, line, kind + " has no metadata.name"
                    + (metadata.has("generateName") ? " (generateName is not supported: objects need a stable name)"
                            : ""));
        }
        if (clusterScoped.isClusterScoped(kind)) {
            metadata.remove("namespace");
        } else if (!metadata.path("namespace").isTextual() || metadata.get("namespace").asText().isBlank()) {
            String target = app.target().namespace();
            if (target != null && !target.isBlank()) {
                metadata.put("namespace", target);
            } else {
                metadata.remove("namespace");
            }
        }
        objectField(metadata, "annotations", file, line).put(Tracking.APP_ANNOTATION, appId);
        objectField(metadata, "labels", file, line).put(Tracking.MANAGED_BY_LABEL, Tracking.MANAGED_BY_VALUE);
        ObjectRef ref = new ObjectRef(apiVersion, kind, metadata.path("namespace").asText(null), name.asText());
        return new DesiredObject(ref, manifest, file, line);
    }

    private static String requiredText(ObjectNode manifest, String field, String file, int line)
            throws RenderException {
        JsonNode value = manifest.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            String name = manifest.path("metadata").path("name").asText("");
            throw new RenderException(file, line, "object " + (name.isEmpty() ? "" : "'" + name + "' ") + "has no "
                    + field);
        }
        return value.asText();
    }

    private static ObjectNode objectField(ObjectNode parent, String field, String file, int line)
            throws RenderException {
        JsonNode existing = parent.get(field);
        if (existing == null || existing.isNull()) {
            return parent.putObject(field);
        }
        if (!existing.isObject()) {
            throw new RenderException(file, line, "metadata." + field + " must be a mapping");
        }
        return (ObjectNode) existing;
    }
}
