package io.lockstep.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table the run prints and writes, with the machine and commit it was measured on. */
final class Results {
    /** Row ids: the smoke test checks that each one is in the file. */
    static final List<String> SECTIONS = List.of("commit-to-synced", "floors", "fan-out", "drift-heal", "scale",
            "notifier", "differ-jmh");

    /** One measured figure; {@code met} is null where no target applies. */
    record Row(String section, String measurement, String size, String value, String target, Boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Samples> series = new LinkedHashMap<>();
    private String profile = "";

    void add(String section, String measurement, String size, String value, String target, Boolean met) {
        Row row = new Row(section, measurement, size, value, target, met);
        rows.add(row);
        System.out.printf(Locale.ROOT, "[bench] %-17s %-52s %-22s %s%n", section, measurement, size, value);
    }

    void note(String section, String text) {
        notes.computeIfAbsent(section, s -> new ArrayList<>()).add(text);
    }

    /** A measurement that could not be taken: written into the results instead of a figure. */
    void failed(String section, String what, Exception e) {
        String text = section + ": " + what + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        failures.add(text);
        add(section, what, "-", "not measured (failed, see below)", "", null);
        System.out.println("[bench] " + text);
    }

    void series(String name, Samples samples) {
        series.put(name, samples);
    }

    Map<String, Samples> series() {
        return series;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    void profile(String markdown) {
        profile = markdown;
    }

    boolean anyMissed() {
        return rows.stream().anyMatch(r -> Boolean.FALSE.equals(r.met()));
    }

    Path write(Path dir, Settings settings, Machine machine, Instant started, String chartFile) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder();
        md.append("# Lockstep benchmark results\n\n");
        md.append("Written by `bench/` (`mvn -B -ntp -pl bench -Pbench compile exec:exec`, see bench/README.md); ")
                .append("mode **").append(settings.mode()).append("**.\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| measured at | ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(" |\n");
        md.append("| run took | ").append(Duration.between(started, Instant.now()).toSeconds()).append(" s |\n");
        md.append("| git commit | `").append(machine.commit()).append("` |\n");
        md.append("| machine | ").append(machine.cores()).append(" cores (").append(machine.cpu()).append("), ")
                .append(machine.memory()).append(" memory, ").append(machine.os()).append(" |\n");
        md.append("| load average at start / end | ").append(machine.loadAtStart()).append(" / ")
                .append(Machine.loadAverage()).append(" |\n");
        md.append("| Java | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(" (services: -Xms32m -Xmx256m, heap returned after full GCs, C1, Serial GC, as ")
                .append("`./lockstep` starts them) |\n\n");
        md.append("| section | measurement | size | value | target | met |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.section()).append(" | ").append(r.measurement()).append(" | ").append(r.size())
                    .append(" | ").append(r.value()).append(" | ").append(r.target()).append(" | ")
                    .append(r.met() == null ? "" : r.met() ? "yes" : "**no**").append(" |\n");
        }
        if (chartFile != null) {
            md.append("\n![latency percentiles](").append(chartFile).append(")\n");
        }
        md.append("\n## How each figure was taken\n\n");
        notes.forEach((section, texts) -> {
            md.append("- **").append(section).append("**: ");
            md.append(String.join(" ", texts)).append('\n');
        });
        if (!failures.isEmpty()) {
            md.append("\n## Not measured in this run\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        if (!profile.isBlank()) {
            md.append("\n## Where the time goes (JFR profiles of the services)\n\n").append(profile).append('\n');
        }
        Path file = dir.resolve("RESULTS.md");
        Files.writeString(file, md.toString());
        return file;
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
