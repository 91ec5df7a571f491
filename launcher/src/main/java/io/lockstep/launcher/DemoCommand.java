package io.lockstep.launcher;

import io.lockstep.contracts.Topics;
import io.lockstep.launcher.demo.DemoTour;
import io.lockstep.launcher.demo.NotificationPrinter;
import io.lockstep.launcher.demo.StepResult;
import io.lockstep.launcher.stack.PidFiles;
import io.lockstep.launcher.stack.Stack;
import io.lockstep.launcher.stack.StackOptions;
import io.lockstep.launcher.status.StatusReader;
import io.lockstep.testsupport.git.GitRepoFixture;
import io.lockstep.testsupport.kafka.EventCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lockstep demo}: starts a throw-away stack on the sandbox and walks the scripted tour. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the whole stack on this machine (sandbox cluster, local Slack and SMTP stand-ins) and "
                + "walks a scripted tour: a deploy, an update, a healed hand edit, a refused broken commit, a "
                + "rollback. Nothing is kept afterwards.",
                "Exit code 0 when the deploy, the update and the refused broken commit worked."})
public final class DemoCommand implements Callable<Integer> {
    static final String SOURCE = "demo";

    @Spec
    CommandSpec spec;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Folder for logs, pid files and the demo repo (default: .lockstep in the checkout).")
    Path stateDir;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "PostgreSQL to use, e.g. postgresql://user:password@host:5432/db (default: a new database "
                    + "on 127.0.0.1:5432, else an embedded PostgreSQL).")
    String databaseUrl;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "0",
            description = "Port of the Kafka broker (default: a free one).")
    int kafkaPort;

    @Option(names = "--step-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Longest wait for each of steps 1, 2 and 4 (default: ${DEFAULT-VALUE}).")
    int stepTimeout;

    @Option(names = "--optional-step-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long steps 3 (drift healing) and 5 (rollback) wait for a sign that this build "
                    + "supports them (default: ${DEFAULT-VALUE}).")
    int optionalTimeout;

    @Override
    public Integer call() {
        Console console = new Console(spec.commandLine().getOut());
        Layout layout = Layout.of(stateDir);
        UpCommand.refuseIfRunning(layout);
        long t0 = System.nanoTime();
        console.line("Lockstep demo. Everything runs on this machine; the cluster is a SANDBOX (fabric8's API server "
                + "emulator plus a workload simulator: no containers run).");
        console.line("State and logs: %s", layout.stateDir());
        Stack.deleteTree(layout.demoRepo());
        GitRepoFixture repo = GitRepoFixture.create(layout.ensure(layout.demoRepo()));
        // Recorded like up's, so that a second demo or up on this state folder is refused and down can stop it.
        PidFiles.write(layout, PidFiles.LAUNCHER, ProcessHandle.current().pid());
        StackOptions options = new StackOptions(layout, SOURCE, repo.url(), "main", Duration.ofSeconds(1), null,
                databaseUrl, kafkaPort, 0, 3, true, System.getenv());
        console.line("");
        console.line("Starting the stack:");
        try (Stack stack = Stack.start(options, console)) {
            console.line("  %-13s %-7s demo config repo %s (work clone: %s)", "ready",
                    Console.seconds(System.nanoTime() - t0), repo.url(), repo.workDir());
            List<StepResult> results;
            try (EventCollector events = EventCollector.open(stack.bootstrapServers(), Topics.COMMITS, Topics.DRIFT,
                    Topics.SYNC_RESULTS, Topics.NOTIFICATIONS);
                    NotificationPrinter printer = new NotificationPrinter(stack.messaging(), console).start()) {
                results = new DemoTour(stack, SOURCE, repo, events, printer, console,
                        Duration.ofSeconds(stepTimeout), Duration.ofSeconds(optionalTimeout)).run();
            }
            console.line("");
            console.line("./lockstep status would now print (target: sandbox):");
            StatusCommand.printTable(console, StatusReader.read(stack.bootstrapServers(), Duration.ofSeconds(20)));
            printSummary(console, results, System.nanoTime() - t0);
            console.line("");
            console.line("Stopping the stack (logs stay in %s).", layout.logs());
            return DemoTour.succeeded(results) ? 0 : 1;
        } finally {
            repo.close();
            PidFiles.delete(layout, PidFiles.LAUNCHER);
        }
    }

    static void printSummary(Console console, List<StepResult> results, long totalNanos) {
        console.line("");
        console.line("Summary (target: sandbox)");
        console.line("  %-2s %-42s %-14s %7s", "#", "step", "status", "time");
        for (StepResult r : results) {
            console.line("  %-2d %-42s %-14s %7s", r.number(), r.title(), r.status().label(),
                    Console.seconds(r.took()));
        }
        console.line("  %-2s %-42s %-14s %7s", "", "total, including start-up", "", Console.seconds(totalNanos));
        results.stream().filter(r -> r.note() != null)
                .forEach(r -> console.line("  step %d: %s", r.number(), r.note()));
        console.line(DemoTour.succeeded(results) ? "Demo succeeded." : "Demo FAILED: see the steps above and the "
                + "service logs.");
    }
}
