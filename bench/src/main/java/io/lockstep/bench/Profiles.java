package io.lockstep.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the services' JFR recordings (what {@code jfr print --events jdk.ExecutionSample} would list, counted):
 * the hottest methods by samples, the hottest Lockstep methods on the stack, monitor contention and GC pauses.
 */
final class Profiles {
    private static final int TOP = 8;

    private Profiles() {
    }

    static String summarize(List<Path> recordings) {
        StringBuilder md = new StringBuilder("Each service JVM ran with `-XX:StartFlightRecording=settings=profile` "
                + "for the whole run (all measurements), written on exit and read with `jdk.jfr.consumer` (the API "
                + "`jfr print`/`jfr summary` use). *Self* counts execution samples by their top frame; *Lockstep "
                + "frame* counts each sample once under the first `io.lockstep` method on its stack (the Lockstep code "
                + "the time was spent under). Recordings stay next to the run's logs.\n\n");
        for (Path file : recordings) {
            if (!Files.isRegularFile(file)) {
                md.append("### ").append(file.getFileName()).append("\n\nno recording written\n\n");
                continue;
            }
            try {
                md.append(summarize(file));
            } catch (IOException | RuntimeException e) {
                md.append("### ").append(file.getFileName()).append("\n\nunreadable: ").append(e.getMessage())
                        .append("\n\n");
            }
        }
        return md.toString();
    }

    private static String summarize(Path file) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> lockstep = new HashMap<>();
        Map<String, Duration> monitors = new HashMap<>();
        Map<String, Duration> parks = new HashMap<>();
        int samples = 0;
        Duration gc = Duration.ZERO;
        int gcs = 0;
        long heapAfterGc = 0;
        long heapCommitted = 0;
        long metaspace = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    self.merge(frame(stack.getFrames().get(0)), 1, Integer::sum);
                    stack.getFrames().stream().filter(f -> f.getMethod().getType().getName()
                            .startsWith("io.lockstep")).findFirst()
                            .ifPresent(f -> lockstep.merge(frame(f), 1, Integer::sum));
                }
                case "jdk.JavaMonitorEnter" -> monitors.merge(event.getClass("monitorClass") == null ? "?"
                        : event.getClass("monitorClass").getName(), event.getDuration(), Duration::plus);
                case "jdk.ThreadPark" -> {
                    RecordedStackTrace stack = event.getStackTrace();
                    String where = stack == null ? "?" : stack.getFrames().stream()
                            .filter(f -> f.getMethod().getType().getName().startsWith("io.lockstep")).findFirst()
                            .map(Profiles::frame).orElse(null);
                    if (where != null) {
                        parks.merge(where, event.getDuration(), Duration::plus);
                    }
                }
                case "jdk.GCHeapSummary" -> {
                    if ("After GC".equals(event.getString("when"))) {
                        heapAfterGc = event.getLong("heapUsed");
                        heapCommitted = event.getLong("heapSpace.committedSize");
                    }
                }
                case "jdk.MetaspaceSummary" -> metaspace = event.getLong("metaspace.committed");
                case "jdk.GarbageCollection" -> {
                    gc = gc.plus(event.getDuration());
                    gcs++;
                }
                default -> {
                }
            }
        }
        StringBuilder md = new StringBuilder("### ").append(file.getFileName()).append("\n\n");
        md.append(Results.fmt("%d execution samples; %d GCs, %.1f s of GC pauses in total; at the last GC: heap "
                + "%.0f MiB used of %.0f MiB committed, metaspace %.0f MiB committed.%n%n", samples, gcs,
                gc.toMillis() / 1000.0, heapAfterGc / 1048576.0, heapCommitted / 1048576.0, metaspace / 1048576.0));
        table(md, "self (top frame)", self, samples);
        table(md, "Lockstep frame", lockstep, samples);
        durations(md, "monitor contention (class, total blocked)", monitors);
        durations(md, "parked under a Lockstep method (waits: Kafka acks, HTTP, locks)", parks);
        return md.toString();
    }

    private static void table(StringBuilder md, String title, Map<String, Integer> counts, int total) {
        md.append("| ").append(title).append(" | samples | share |\n|---|---|---|\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> md.append("| `").append(e.getKey()).append("` | ").append(e.getValue()).append(" | ")
                        .append(Results.fmt("%.1f%%", 100.0 * e.getValue() / Math.max(1, total))).append(" |\n"));
        md.append('\n');
    }

    private static void durations(StringBuilder md, String title, Map<String, Duration> totals) {
        if (totals.isEmpty()) {
            md.append(title).append(": none recorded.\n\n");
            return;
        }
        md.append("| ").append(title).append(" | total |\n|---|---|\n");
        totals.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(5)
                .forEach(e -> md.append("| `").append(e.getKey()).append("` | ")
                        .append(Results.fmt("%.1f s", e.getValue().toMillis() / 1000.0)).append(" |\n"));
        md.append('\n');
    }

    private static String frame(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }
}
