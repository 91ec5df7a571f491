package io.lockstep.launcher.stack;

import io.lockstep.launcher.Console;
import io.lockstep.launcher.LauncherException;
import io.lockstep.launcher.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lockstep on one machine: a Kafka broker process, PostgreSQL, the target (a cluster or the sandbox), the Slack and
 * SMTP stand-ins, and the four services as processes, each logging to {@code <state>/logs}. Started in dependency
 * order, stopped in reverse; the pid of every process it starts is kept under {@code <state>/pids} so that
 * {@code lockstep down} can stop them from another shell.
 */
public final class Stack implements AutoCloseable {
    /** Consumers first, so that nothing waits on a group rebalance when the first commit arrives. */
    public static final List<String> SERVICES = List.of("notifier", "applier", "differ", "repo-watcher");
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICES_TIMEOUT = Duration.ofSeconds(240);

    private final StackOptions options;
    private final Console console;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private KafkaBrokerProcess kafka;
    private Database database;
    private Target target;
    private Messaging messaging;
    private boolean closed;
    private final Thread shutdownHook = new Thread(this::close, "lockstep-stack-stop");

    private Stack(StackOptions options, Console console) {
        this.options = options;
        this.console = console;
    }

    /** Checks what can be checked before anything starts: the fixed ports, a given database, the service jars. */
    public static void preflight(StackOptions options) {
        Ports.require(options.kafkaPort(), "Kafka", "--kafka-port");
        if (options.firstServicePort() != 0) {
            for (int i = 0; i < SERVICES.size(); i++) {
                Ports.require(options.firstServicePort() + i, SERVICES.get(i) + " HTTP", "--service-ports");
            }
        }
        if (options.databaseUrl() != null && !options.databaseUrl().isBlank()) {
            Database.parse(options.databaseUrl()).check();
        }
        for (String service : SERVICES) {
            Path jar = options.layout().serviceJar(service);
            if (!Files.isRegularFile(jar)) {
                throw new LauncherException(jar + " is missing: run ./lockstep (it builds what is missing) or mvn -B "
                        + "-DskipTests install -pl launcher -am");
            }
        }
    }

    public static Stack start(StackOptions options, Console console) {
        preflight(options);
        Stack stack = new Stack(options, console);
        // Ctrl-C (or ./lockstep down) at any moment, start-up included, must not leave processes behind.
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        Layout layout = options.layout();
        Path logs = layout.ensure(layout.logs());
        layout.ensure(layout.pids());
        Path kafkaDir = layout.stateDir().resolve("kafka");
        if (options.throwAway()) {
            deleteTree(kafkaDir);
        }
        // The sandbox first: it loads many classes in this JVM, and its first calls time out if the broker's JVM
        // starts at the same moment on a small machine. The broker then starts while the database is resolved.
        long t = System.nanoTime();
        target = options.kubeconfig() != null ? Target.cluster(options.kubeconfig())
                : Target.sandbox(layout.stateDir().resolve("sandbox.kubeconfig"));
        started.add(target);
        console.line("  %-13s %-7s %s", "target", Console.seconds(System.nanoTime() - t), target.description());

        long tk = System.nanoTime();
        kafka = KafkaBrokerProcess.start(kafkaDir, Ports.require(options.kafkaPort(), "Kafka", "--kafka-port"), logs);
        started.add(kafka);
        writePid(kafka);

        t = System.nanoTime();
        database = Database.resolve(options.databaseUrl(), options.throwAway(), layout.stateDir().resolve("postgres"));
        started.add(database);
        console.line("  %-13s %-7s %s", "postgresql", Console.seconds(System.nanoTime() - t), database.description());

        t = System.nanoTime();
        messaging = Messaging.start(options.environment());
        started.add(messaging);
        console.line("  %-13s %-7s %s; %s", "notifications", Console.seconds(System.nanoTime() - t),
                messaging.slackDescription(), messaging.smtpDescription());

        kafka.awaitReady(KAFKA_TIMEOUT, options.partitions());
        console.line("  %-13s %-7s %s (KRaft, separate process; log %s)", "kafka",
                Console.seconds(System.nanoTime() - tk), kafka.bootstrapServers(), kafka.log());

        t = System.nanoTime();
        Map<String, Map<String, String>> config = serviceConfig();
        Map<String, Map<String, String>> env = serviceEnvironment();
        for (int i = 0; i < SERVICES.size(); i++) {
            String name = SERVICES.get(i);
            int port = options.firstServicePort() == 0 ? Ports.free() : options.firstServicePort() + i;
            synchronized (this) {
                if (closed) {
                    throw new LauncherException("stopped while starting");
                }
                ServiceProcess service = ServiceProcess.start(name, layout.serviceJar(name), port, config.get(name),
                        env.get(name), logs);
                services.add(service);
                started.add(service);
                writePid(service);
            }
        }
        awaitServices(t);
        writeStackFile();
    }

    private void awaitServices(long t) {
        Instant deadline = Instant.now().plus(SERVICES_TIMEOUT);
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                ServiceProcess s = it.next();
                if (s.isReady()) {
                    console.line("  %-13s %-7s http://127.0.0.1:%d/q/health (log %s)", s.name(),
                            Console.seconds(System.nanoTime() - t), s.port(), s.log());
                    it.remove();
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LauncherException(waiting.get(0).name() + " was not ready within "
                        + SERVICES_TIMEOUT.toSeconds() + " s: see " + waiting.get(0).log());
            }
            try {
                // Readiness of child processes is polled over HTTP; nothing notifies us.
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LauncherException("interrupted while the services were starting");
            }
        }
    }

    private Map<String, Map<String, String>> serviceConfig() {
        Map<String, String> common = new LinkedHashMap<>(database.quarkusConfig());
        common.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        common.put("lockstep.kafka.partitions", String.valueOf(options.partitions()));
        // Kafka's clients log every connection attempt at INFO; the services' own lines are what a reader wants.
        common.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");

        Map<String, String> watcher = new LinkedHashMap<>(common);
        String source = "lockstep.sources." + options.sourceId();
        watcher.put(source + ".url", options.repoUrl());
        watcher.put(source + ".branch", options.branch());
        watcher.put(source + ".poll-interval", options.pollInterval().toMillis() + "ms");
        watcher.put("lockstep.watcher.workdir", options.layout().stateDir().resolve("work/repo-watcher").toString());

        Map<String, String> differ = new LinkedHashMap<>(common);
        differ.putAll(target.quarkusConfig());
        Map<String, String> applier = new LinkedHashMap<>(common);
        applier.putAll(target.quarkusConfig());
        Map<String, String> notifier = new LinkedHashMap<>(common);
        notifier.putAll(messaging.notifierConfig());
        return Map.of("repo-watcher", watcher, "differ", differ, "applier", applier, "notifier", notifier);
    }

    private Map<String, Map<String, String>> serviceEnvironment() {
        Map<String, String> common = new LinkedHashMap<>(database.secretEnvironment());
        Map<String, String> applier = new LinkedHashMap<>(common);
        applier.putAll(target.environment());
        // Rollback writes a revert commit to the config repo. Given as environment variables: an applier built
        // before rollback existed ignores them, where unknown system properties under lockstep. could stop it.
        String id = options.sourceId().toUpperCase().replace('-', '_');
        applier.put("LOCKSTEP_APPLIER_SOURCES_" + id + "_URL", options.repoUrl());
        applier.put("LOCKSTEP_APPLIER_SOURCES_" + id + "_BRANCH", options.branch());
        applier.put("LOCKSTEP_APPLIER_GIT_WORKDIR", options.layout().stateDir().resolve("work/applier").toString());
        Map<String, String> differ = new LinkedHashMap<>(common);
        differ.putAll(target.environment());
        Map<String, String> notifier = new LinkedHashMap<>(common);
        notifier.putAll(messaging.secretEnvironment());
        return Map.of("repo-watcher", common, "differ", differ, "applier", applier, "notifier", notifier);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Target target() {
        return target;
    }

    public Messaging messaging() {
        return messaging;
    }

    public Database database() {
        return database;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    private void writePid(ChildProcess process) {
        PidFiles.write(options.layout(), process.name(), process.pid());
    }

    private void writeStackFile() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", kafka.bootstrapServers());
        p.setProperty("target", target.isSandbox() ? "sandbox" : target.kubeconfig().toString());
        p.setProperty("kubeconfig", target.kubeconfig().toString());
        p.setProperty("database", database.description());
        p.setProperty("repo", options.repoUrl());
        p.setProperty("launcher.pid", String.valueOf(ProcessHandle.current().pid()));
        p.setProperty("started", Instant.now().toString());
        // status reads the applier's read API on this port (and falls back to Kafka when it does not answer).
        for (ServiceProcess service : services) {
            p.setProperty(service.name() + ".url", "http://127.0.0.1:" + service.port());
        }
        try (var out = Files.newBufferedWriter(options.layout().stackFile())) {
            p.store(out, "The running Lockstep stack (written by the launcher; read by status and down)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops everything this stack started, newest first; safe to call twice (a shutdown hook may race the caller). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook runs, finds the stack closed, and returns.
            }
        }
        // The services first (in parallel: each takes a moment to shut down), then what they used.
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess s : services) {
            Thread thread = new Thread(s::close, "stop-" + s.name());
            thread.start();
            stoppers.add(thread);
        }
        for (Thread thread : stoppers) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.removeAll(services);
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("lockstep: stopping " + started.get(i).getClass().getSimpleName() + " failed: "
                        + e.getMessage());
            }
        }
        PidFiles.clear(options.layout());
        try {
            Files.deleteIfExists(options.layout().stackFile());
        } catch (IOException e) {
            // A stale stack file is caught by status and down (its pids are gone).
        }
        if (options.throwAway()) {
            deleteTree(options.layout().stateDir().resolve("kafka"));
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new LauncherException("cannot clear " + dir + " (" + e.getMessage() + "): remove it by hand");
        }
    }
}
