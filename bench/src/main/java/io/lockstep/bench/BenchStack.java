package io.lockstep.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lockstep.contracts.Topics;
import io.lockstep.launcher.stack.Ports;
import io.lockstep.launcher.stack.ServiceProcess;
import io.lockstep.testsupport.db.TestDatabase;
import io.lockstep.testsupport.git.GitRepoFixture;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.TestProducer;
import io.lockstep.testsupport.kube.KubeApiEmulator;
import io.lockstep.testsupport.kube.WorkloadSimulator;
import io.lockstep.testsupport.slack.SlackStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Everything the benchmark runs against, as the end-to-end test runs it: the in-JVM Kafka broker, a fresh PostgreSQL
 * database, fabric8's API server emulator with the workload simulator, the Slack stand-in, four config repos served
 * over {@code file://}, and the four packaged services, each a JVM of its own (optionally recording a JFR profile).
 *
 * <p>Sources: {@code hook} (webhooks only; its poll interval is an hour), {@code poll} (polled every second),
 * {@code fan} and {@code scale} (directory generators, webhooks only).
 */
final class BenchStack implements AutoCloseable {
    static final String SECRET = "bench-webhook-secret";
    static final String AUTHOR = "Bench Author";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);

    final Path work;
    final Path root;
    final Settings settings;
    final String bootstrap;
    final KubeApiEmulator emulator;
    final KubernetesClient kube;
    final WorkloadSimulator simulator;
    final SlackStub slack;
    final TestProducer producer;
    final Arrivals arrivals;
    final Map<String, GitRepoFixture> repos = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> configs = new HashMap<>();
    private final Map<String, Integer> starts = new HashMap<>();
    private final List<Path> recordings = new ArrayList<>();
    private final List<String> refusedWebhooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Path logs;

    private BenchStack(Path work, Path root, Settings settings) {
        this.work = work;
        this.root = root;
        this.settings = settings;
        this.logs = work.resolve("logs");
        bootstrap = KafkaBroker.start();
        emulator = KubeApiEmulator.start();
        kube = emulator.client();
        simulator = new WorkloadSimulator(kube).start();
        slack = SlackStub.start();
        producer = new TestProducer(bootstrap);
        arrivals = new Arrivals(bootstrap, List.of(Topics.COMMITS, Topics.DRIFT, Topics.SYNC_RESULTS));
    }

    /** Starts the infrastructure, writes the initial commit of each source, starts the services, waits for them. */
    static BenchStack start(Path work, Path root, Settings settings, Map<String, Map<String, String>> initialFiles) {
        BenchStack stack = new BenchStack(work, root, settings);
        try {
            stack.startServices(initialFiles);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startServices(Map<String, Map<String, String>> initialFiles) {
        TestDatabase db = TestDatabase.create("lockstep_bench");
        initialFiles.forEach((source, files) -> {
            GitRepoFixture repo = GitRepoFixture.create(work.resolve("repos").resolve(source));
            files.forEach(repo::write);
            repo.commit("Initial " + source, AUTHOR, "bench@example.com");
            repos.put(source, repo);
        });

        Map<String, String> common = new HashMap<>(db.quarkusConfig());
        common.put("kafka.bootstrap.servers", bootstrap);
        common.put("lockstep.kafka.partitions", String.valueOf(KafkaBroker.TEST_PARTITIONS));
        common.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");

        Map<String, String> watcher = new HashMap<>(common);
        for (String source : repos.keySet()) {
            String prefix = "lockstep.sources." + source;
            watcher.put(prefix + ".url", repos.get(source).url());
            boolean polled = source.equals("poll");
            watcher.put(prefix + ".poll-interval", polled ? "1s" : "1h");
            if (!polled) {
                watcher.put(prefix + ".webhook.secret", SECRET);
                watcher.put(prefix + ".webhook.provider", "generic");
                watcher.put(prefix + ".webhook.debounce", settings.debounce().toMillis() + "ms");
            }
        }
        watcher.put("lockstep.watcher.workdir", work.resolve("watcher").toString());

        Map<String, String> differ = new HashMap<>(common);
        differ.putAll(emulator.quarkusConfig());
        if (!settings.restartForRediff()) {
            // The smoke run saves the differ's restart: its few applications are re-diffed every 5 s from the start.
            differ.put("lockstep.differ.resync-interval", "5s");
        }

        Map<String, String> applier = new HashMap<>(common);
        applier.putAll(emulator.quarkusConfig());
        // The heal series edits the same few objects a hundred times on purpose: that is not a fight to back off from.
        applier.put("lockstep.applier.self-heal.max-heals", "1000000");

        Map<String, String> notifier = new HashMap<>(common);
        notifier.put("lockstep.notifier.slack.webhook-url", slack.webhookUrl());
        // Slack's own limit (1 message/s per channel) would measure the limiter: raised, as the notifier's benchmark does.
        notifier.put("lockstep.notifier.slack.rate-limit.per-second", "100000");
        notifier.put("lockstep.notifier.slack.rate-limit.burst", "100000");
        notifier.put("quarkus.mailer.mock", "true");

        configs.put("notifier", notifier);
        configs.put("applier", applier);
        configs.put("differ", differ);
        configs.put("repo-watcher", watcher);
        // Consumers first, so nothing waits on a group rebalance when the first commit arrives.
        for (String name : List.of("notifier", "applier", "differ", "repo-watcher")) {
            services.put(name, launch(name));
        }
        awaitReady(services.values());
    }

    private ServiceProcess launch(String name) {
        Path jar = root.resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        Map<String, String> env = new HashMap<>();
        int start = starts.merge(name, 1, Integer::sum);
        if (settings.profile()) {
            Path jfr = work.resolve("jfr").resolve(name + "-" + start + ".jfr");
            try {
                Files.createDirectories(jfr.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            recordings.add(jfr);
            // JAVA_TOOL_OPTIONS reaches the service's JVM without changing how the launcher starts it.
            env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr);
        }
        return ServiceProcess.start(name, jar, Ports.free(), configs.get(name), env, logs);
    }

    private static void awaitReady(java.util.Collection<ServiceProcess> processes) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!processes.stream().allMatch(ServiceProcess::isReady)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("services not ready within " + STARTUP_TIMEOUT.toMinutes()
                        + " min; logs: " + processes.stream().map(p -> p.log().toString()).toList());
            }
            try {
                // Readiness of a child process is polled over HTTP; nothing notifies us.
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stops a service and starts it again with the same configuration; returns once it is ready. */
    ServiceProcess restart(String name, Map<String, String> extraConfig) {
        services.remove(name).close();
        configs.get(name).putAll(extraConfig);
        ServiceProcess process = launch(name);
        services.put(name, process);
        awaitReady(List.of(process));
        return process;
    }

    /**
     * {@link Arrivals#awaitAll} that also fails fast when a service has exited (an out-of-memory error, say) instead
     * of waiting out the whole timeout.
     */
    <T extends io.lockstep.contracts.events.LockstepEvent> List<Arrivals.Arrival> awaitAll(int mark, Class<T> type,
            java.util.function.Predicate<T> filter, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            try {
                return arrivals.awaitAll(mark, type, filter, count,
                        Duration.ofNanos(Math.max(1, Math.min(left, TimeUnit.SECONDS.toNanos(10)))));
            } catch (java.util.concurrent.TimeoutException e) {
                for (ServiceProcess service : services.values()) {
                    if (!ProcessHandle.of(service.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                        throw new IllegalStateException(service.name() + " exited; its log ends:\n"
                                + service.tail(20), e);
                    }
                }
                if (System.nanoTime() >= deadline) {
                    throw e;
                }
            }
        }
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    Map<String, ServiceProcess> services() {
        return services;
    }

    GitRepoFixture repo(String source) {
        return repos.get(source);
    }

    /**
     * Sends the source's push webhook, as a provider would after a push. An answer other than 202 is counted (the
     * results report it) and the delivery is sent again, up to three times, so one refused delivery costs its
     * sample the retry rather than the whole series.
     */
    void webhook(String source) {
        String url = "http://127.0.0.1:" + services.get("repo-watcher").port() + "/webhooks/" + source;
        for (int attempt = 1; ; attempt++) {
            java.net.http.HttpResponse<String> answer = Webhook.push(url, SECRET);
            if (answer.statusCode() == 202) {
                return;
            }
            refusedWebhooks.add("HTTP " + answer.statusCode() + " " + answer.body());
            if (attempt == 3) {
                throw new IllegalStateException("the watcher refused the webhook three times: " + refusedWebhooks);
            }
        }
    }

    /** Webhook deliveries the watcher did not take (answer and body), in order. */
    List<String> refusedWebhooks() {
        return List.copyOf(refusedWebhooks);
    }

    /** The JFR files written so far and at {@link #close()}. */
    List<Path> recordings() {
        return List.copyOf(recordings);
    }

    @Override
    public void close() {
        // Services first (SIGTERM: each JVM writes its recording on exit), then what they use.
        services.values().forEach(ServiceProcess::close);
        services.clear();
        arrivals.close();
        producer.close();
        simulator.close();
        emulator.close();
        slack.close();
        repos.values().forEach(GitRepoFixture::close);
    }
}
