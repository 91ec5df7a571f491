package io.lockstep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.contracts.serde.EventCodec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The differ's own JMH benchmark ({@code DiffBenchmark}, in its test sources), run as a separate JVM on the
 * differ's compiled classes and runtime libraries, its JSON results read back into the table.
 */
final class DifferMicrobenchmark {
    /** Objects per application of {@code DiffBenchmark}; its {@code apps} parameter gives the applications per op. */
    static final int OBJECTS_PER_APP = 3;

    private final Path root;
    private final Path work;
    private final Settings settings;
    private final Results results;

    DifferMicrobenchmark(Path root, Path work, Settings settings, Results results) {
        this.root = root;
        this.work = work;
        this.settings = settings;
        this.results = results;
    }

    void run() {
        try {
            Path json = work.resolve("jmh-differ.json");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath(), "org.openjdk.jmh.Main", "io.lockstep.differ.bench.DiffBenchmark",
                    "-rf", "json", "-rff", json.toString()));
            if (!settings.jmh()) {
                command.addAll(List.of("-f", "0", "-wi", "0", "-i", "1", "-r", "200ms"));
            }
            Path log = work.resolve("jmh-differ.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("JMH did not finish cleanly; see its log (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + ")");
            }
            Map<Integer, Map<String, Double>> perSecondBySize = new TreeMap<>();
            for (JsonNode result : EventCodec.mapper().readTree(json.toFile())) {
                String name = result.get("benchmark").asText();
                int apps = result.path("params").path("apps").asInt();
                perSecondBySize.computeIfAbsent(apps, k -> new HashMap<>()).put(
                        name.substring(name.lastIndexOf('.') + 1),
                        result.get("primaryMetric").get("score").asDouble() * apps * OBJECTS_PER_APP);
            }
            perSecondBySize.forEach((apps, perSecond) -> {
                double diff = perSecond.get("diff");
                String size = apps + " apps × " + OBJECTS_PER_APP + " objects";
                results.add("differ-jmh", "diff (plan against live objects)", size,
                        Results.fmt("%,.0f objects/s", diff), "", null);
                results.add("differ-jmh", "parse-only baseline: JSON of the live objects", size,
                        Results.fmt("%,.0f objects/s", perSecond.get("parseJson")), "", null);
                results.add("differ-jmh", "parse-only baseline: YAML render of the manifests", size,
                        Results.fmt("%,.0f objects/s", perSecond.get("parseYaml")), "", null);
                double ratio = diff / perSecond.get("parseJson");
                results.add("differ-jmh", "ratio diff / parse-only (JSON); (YAML)", size,
                        Results.fmt("%.2f; %.2f", ratio, diff / perSecond.get("parseYaml")), "≥ 0.5", ratio >= 0.5);
            });
        } catch (IOException | RuntimeException e) {
            results.failed("differ-jmh", "DiffBenchmark", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results.failed("differ-jmh", "DiffBenchmark", e);
        }
        results.note("differ-jmh", "`services/differ` `DiffBenchmark` (JMH" + (settings.jmh()
                ? ", its own warm-up and measurement settings: 3 × 2 s warm-up, 5 × 1 s measured, 1 fork"
                : ", one 200 ms iteration: a smoke run") + "): objects/s = operations/s × applications × 3, at 100 and 1,000 applications. The ratio that "
                + "answers the target is diff against parsing the live objects' JSON (what the differ must do "
                + "anyway); against YAML rendering it is far above 1.");
    }

    /** The differ's test and main classes, its runtime libraries as Quarkus packaged them, and JMH. */
    private String classpath() throws IOException {
        Path differ = root.resolve("services/differ/target");
        List<String> entries = new ArrayList<>(List.of(differ.resolve("test-classes").toString(),
                differ.resolve("classes").toString()));
        Path lib = differ.resolve("quarkus-app/lib/main");
        if (!Files.isDirectory(lib) || !Files.isDirectory(differ.resolve("test-classes"))) {
            throw new IllegalStateException("the differ is not built: run mvn -B -ntp -DskipTests package first");
        }
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> entries.add(p.toString()));
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("jmh-core") || name.startsWith("jopt-simple") || name.startsWith("commons-math3")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
