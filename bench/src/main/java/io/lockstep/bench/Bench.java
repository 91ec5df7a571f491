package io.lockstep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark of the whole pipeline: {@code mvn -B -ntp -pl bench -Pbench compile exec:exec} (after the services
 * are packaged). Arguments: {@code --out <dir>} (default {@code bench/results}), {@code --smoke} (tiny sizes).
 * Prints every figure as it is taken and writes {@code RESULTS.md} (and {@code latency.png}) into the output folder.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        Path out = Path.of("bench", "results");
        Settings settings = Settings.full();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--smoke" -> settings = Settings.smoke();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (expected --out <dir>, --smoke)");
            }
        }
        Path root = Path.of(System.getProperty("lockstep.root", ".")).toAbsolutePath().normalize();
        Path file = run(root, out.toAbsolutePath(), settings);
        System.out.println("[bench] results written to " + file);
        // The in-JVM broker and the clients' threads would keep the JVM alive.
        System.exit(0);
    }

    /** Runs every measurement and writes the results; returns the results file. */
    static Path run(Path root, Path out, Settings settings) throws Exception {
        Instant started = Instant.now();
        Machine machine = Machine.describe(root);
        Results results = new Results();
        Path work = Files.createTempDirectory("lockstep-bench");
        System.out.println("[bench] " + settings.mode() + " run; work folder " + work);

        Map<String, Map<String, String>> initial = new LinkedHashMap<>();
        Map<String, String> hook = new LinkedHashMap<>();
        hook.put("lockstep.yaml", CommitLatency.lockstepYaml("hook", settings.objectsPerApp()));
        CommitLatency.addFiles(hook, settings.objectsPerApp());
        initial.put("hook", hook);
        Map<String, String> poll = new LinkedHashMap<>();
        List<Integer> pollSizes = List.of(settings.objectsPerApp().get(0));
        poll.put("lockstep.yaml", CommitLatency.lockstepYaml("poll", pollSizes));
        CommitLatency.addFiles(poll, pollSizes);
        initial.put("poll", poll);
        initial.put("fan", Map.of("lockstep.yaml", FanOut.lockstepYaml("bench-fan", true)));
        initial.put("scale", Map.of("lockstep.yaml", FanOut.lockstepYaml("bench-scale", false)));

        List<Path> recordings;
        int startupApps = settings.objectsPerApp().size() + 1;
        try (BenchStack stack = BenchStack.start(work, root, settings, initial)) {
            // The initial commits of hook and poll are announced at the watchers' first poll: wait for those syncs.
            stack.arrivals.awaitAll(0, io.lockstep.contracts.events.SyncCompleted.class,
                    e -> e.appId().startsWith("hook/") || e.appId().startsWith("poll/"), startupApps,
                    java.time.Duration.ofMinutes(5));
            new CommitLatency(stack, settings, results).run();
            new DriftHeal(stack, settings, results).run();
            new FanOut(stack, settings, results).run();
            new NotifierThroughput(stack, settings, results).run();
            int others = startupApps + settings.fanOut().get(settings.fanOut().size() - 1);
            new Scale(stack, settings, results, others).run();
            recordings = stack.recordings();
            if (!stack.refusedWebhooks().isEmpty()) {
                results.note("commit-to-synced", stack.refusedWebhooks().size() + " webhook deliveries were "
                        + "refused by the watcher and sent again (the sample includes the retry): "
                        + stack.refusedWebhooks() + ".");
            }
        }
        // After the stack is down, so the microbenchmark has the machine to itself.
        new DifferMicrobenchmark(root, work, settings, results).run();
        if (settings.profile()) {
            results.profile(Profiles.summarize(recordings));
        }
        Files.createDirectories(out);
        String chart = Chart.write(out, results.series());
        return results.write(out, settings, machine, started, chart);
    }
}
