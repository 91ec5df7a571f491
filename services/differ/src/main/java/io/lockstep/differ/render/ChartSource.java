package io.lockstep.differ.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.HelmSpec;
import io.lockstep.contracts.model.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An application whose folder is a Helm chart ({@code Chart.yaml} at its root), rendered into manifest files: the
 * commit's files are written to a temporary folder (deleted afterwards), dependencies must be vendored under
 * {@code charts/}, namespace = target namespace, and from the application's {@code helm} settings in
 * {@code lockstep.yaml}: the release name (the application name by default), the values files (inside the
 * application folder, layered in order over the chart's {@code values.yaml}) and the inline values (on top). Each
 * rendered document is attributed to its template ({@code apps/web/templates/deployment.yaml}).
 */
final class ChartSource {
    static final String CHART_FILE = "Chart.yaml";
    /** Inline values are handed to Helm as one more values file, written next to (not inside) the chart. */
    private static final String INLINE_VALUES = "lockstep-inline-values.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Helm naming a template and line: {@code (chart/templates/x.yaml:12)} or {@code chart/templates/x.yaml:12:3}. */
    private static final Pattern TEMPLATE_AT = Pattern.compile("([\\w.\\-]+(?:/[\\w.\\-]+)*/(?:templates|charts)/"
            + "[\\w.\\-/]+?\\.(?:ya?ml|tpl|txt|json)):(\\d+)");
    private static final Pattern TEMPLATE_FILE = Pattern.compile("on ([\\w.\\-]+(?:/[\\w.\\-]+)*/templates/"
            + "[\\w.\\-/]+?\\.(?:ya?ml|tpl|json))");
    private static final Pattern MISSING_DEPENDENCY = Pattern.compile("missing in charts/ directory: (\\S+)");

    private final ManifestParser parser;
    private final ChartRenderer charts;

    ChartSource(ManifestParser parser, ChartRenderer charts) {
        this.parser = parser;
        this.charts = charts;
    }

    static boolean isChart(List<SourceFile> files) {
        return files.stream().anyMatch(f -> f.path().equals(CHART_FILE));
    }

    /** The rendered manifests as (repo-relative template path, YAML) pairs, in template order. */
    List<SourceFile> render(AppSpec app, List<SourceFile> files) throws RenderException {
        String chartFile = ManifestRenderer.repoPath(app.path(), CHART_FILE);
        if (charts == null) {
            throw new RenderException(chartFile, null, "Helm charts are not supported by this differ");
        }
        checkDependenciesVendored(app, files);
        HelmSpec helm = app.helm();
        checkValueFiles(app, helm, files);
        String releaseName = helm.releaseName() == null || helm.releaseName().isBlank() ? app.name()
                : helm.releaseName();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("lockstep-chart-");
            Path chart = dir.resolve("chart");
            for (SourceFile file : files) {
                Path target = chart.resolve(file.path()).normalize();
                if (!target.startsWith(chart) || Path.of(file.path()).isAbsolute()) {
                    throw new RenderException(ManifestRenderer.repoPath(app.path(), file.path()), null,
                            "path leaves the application folder");
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content());
            }
            List<Path> values = new ArrayList<>();
            for (String valueFile : helm.valueFiles()) {
                values.add(chart.resolve(valueFile).normalize());
            }
            if (!helm.values().isEmpty()) {
                // JSON is YAML, and keeps the types the watcher read (numbers, booleans) exactly.
                Path inline = dir.resolve(INLINE_VALUES);
                JSON.writeValue(inline.toFile(), helm.values());
                values.add(inline);
            }
            String rendered;
            try {
                rendered = charts.template(chart, releaseName, app.target().namespace(), values);
            } catch (ChartRenderer.ChartRenderException e) {
                throw templateError(app, e.getMessage());
            }
            return split(app, rendered);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the chart of " + app.name() + " for rendering", e);
        } finally {
            delete(dir);
        }
    }

    /**
     * A values file named in {@code lockstep.yaml} must be a file of the application: Helm would fail with a bare
     * "no such file"; this names the file, and a values file that is not valid YAML fails at its line.
     */
    private void checkValueFiles(AppSpec app, HelmSpec helm, List<SourceFile> files) throws RenderException {
        for (String valueFile : helm.valueFiles()) {
            String repoPath = ManifestRenderer.repoPath(app.path(), valueFile);
            String normalized = Path.of(valueFile).normalize().toString().replace('\\', '/');
            SourceFile file = files.stream().filter(f -> f.path().equals(normalized)).findFirst().orElse(null);
            if (file == null || Path.of(valueFile).isAbsolute() || normalized.startsWith("..")) {
                throw new RenderException(repoPath, null, "Helm values file '" + valueFile
                        + "' (helm.valueFiles in lockstep.yaml) is not a file of the application folder "
                        + app.path());
            }
            parser.parse(repoPath, file.content());
        }
    }

    /**
     * Helm would otherwise fetch a missing dependency only when asked to update (never here), or fail with a terse
     * message; this names the dependency, the line declaring it, and what to do.
     */
    private void checkDependenciesVendored(AppSpec app, List<SourceFile> files) throws RenderException {
        String chartFile = ManifestRenderer.repoPath(app.path(), CHART_FILE);
        SourceFile chartYaml = files.stream().filter(f -> f.path().equals(CHART_FILE)).findFirst().orElseThrow();
        List<ManifestParser.Document> documents = parser.parse(chartFile, chartYaml.content());
        if (documents.isEmpty()) {
            throw new RenderException(chartFile, 1, "Chart.yaml is empty");
        }
        JsonNode dependencies = documents.get(0).content().path("dependencies");
        for (JsonNode dependency : dependencies) {
            String name = dependency.path("name").asText("");
            String alias = dependency.path("alias").asText("");
            boolean vendored = files.stream().anyMatch(f -> f.path().startsWith("charts/" + name + "/")
                    || !alias.isEmpty() && f.path().startsWith("charts/" + alias + "/"));
            if (!vendored) {
                throw new RenderException(chartFile, lineOf(chartYaml.content(), name),
                        "dependency '" + name + "'" + (dependency.has("repository") ? " from "
                                + dependency.get("repository").asText() : "")
                                + " is not vendored under charts/ (the differ renders without network access: "
                                + "run `helm dependency build`, unpack it under charts/" + name + "/ and commit it)");
            }
        }
    }

    private static Integer lineOf(String text, String name) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("\\s*-?\\s*name:\\s*[\"']?" + Pattern.quote(name) + "[\"']?\\s*")) {
                return i + 1;
            }
        }
        return null;
    }

    private static RenderException templateError(AppSpec app, String message) {
        String reason = message == null ? "helm template failed" : message.strip();
        Matcher at = TEMPLATE_AT.matcher(reason);
        if (at.find()) {
            return new RenderException(ManifestRenderer.repoPath(app.path(), withinChart(at.group(1))),
                    Integer.parseInt(at.group(2)), "Helm template error: " + reason);
        }
        Matcher on = TEMPLATE_FILE.matcher(reason);
        if (on.find()) {
            return new RenderException(ManifestRenderer.repoPath(app.path(), withinChart(on.group(1))), null,
                    "Helm template error: " + reason);
        }
        Matcher missing = MISSING_DEPENDENCY.matcher(reason);
        String chartFile = ManifestRenderer.repoPath(app.path(), CHART_FILE);
        if (missing.find()) {
            return new RenderException(chartFile, null, "dependency '" + missing.group(1)
                    + "' is not vendored under charts/: " + reason);
        }
        return new RenderException(chartFile, null, "Helm template error: " + reason);
    }

    /** Helm names templates {@code <chart name>/templates/x.yaml}; the user's file is {@code templates/x.yaml}. */
    private static String withinChart(String helmPath) {
        int slash = helmPath.indexOf('/');
        return slash < 0 ? helmPath : helmPath.substring(slash + 1);
    }

    /** Splits Helm's output at its {@code # Source:} comments, merging documents of one template into one file. */
    private static List<SourceFile> split(AppSpec app, String rendered) {
        Map<String, StringBuilder> byTemplate = new TreeMap<>();
        String current = ManifestRenderer.repoPath(app.path(), "(rendered)");
        for (String line : rendered.split("\n", -1)) {
            if (line.startsWith("# Source: ")) {
                current = ManifestRenderer.repoPath(app.path(), withinChart(line.substring("# Source: ".length())
                        .strip()));
                byTemplate.computeIfAbsent(current, k -> new StringBuilder()).append("---\n");
                continue;
            }
            byTemplate.computeIfAbsent(current, k -> new StringBuilder()).append(line).append('\n');
        }
        List<SourceFile> out = new ArrayList<>();
        byTemplate.forEach((file, text) -> out.add(new SourceFile(file, text.toString())));
        return out;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temp folder is not worth failing a render for.
        }
    }
}
