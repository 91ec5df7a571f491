package io.lockstep.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.testsupport.git.GitRepoFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Commit → synced for one application (webhook and poll), and beside it, in the same run, the floors: ref check +
 * fetch alone (JGit), one Kafka produce → consume hop, the server-side applies of the same objects alone.
 */
final class CommitLatency {
    static final Duration WAIT = Duration.ofMinutes(2);
    private static final String FLOOR_TOPIC = "lockstep.bench.floor";

    private final BenchStack stack;
    private final Settings settings;
    private final Results results;

    CommitLatency(BenchStack stack, Settings settings, Results results) {
        this.stack = stack;
        this.settings = settings;
        this.results = results;
    }

    static String app(int objects) {
        return "o" + objects;
    }

    /** {@code lockstep.yaml} of the {@code hook} and {@code poll} sources: one application per size. */
    static String lockstepYaml(String source, List<Integer> sizes) {
        StringBuilder yaml = new StringBuilder("apiVersion: lockstep.io/v1\napplications:\n");
        for (int objects : sizes) {
            yaml.append("""
                      - name: %1$s
                        path: apps/%1$s
                        target: { cluster: in-cluster, namespace: %2$s }
                        sync: { automated: true, prune: true, selfHeal: true }
                        health: { timeout: 60s }
                    """.formatted(app(objects), namespace(source, objects)));
        }
        return yaml.toString();
    }

    /** Each source's applications in namespaces of their own: two applications never own the same object. */
    static String namespace(String source, int objects) {
        return "bench-" + source + "-" + app(objects);
    }

    static void addFiles(Map<String, String> files, List<Integer> sizes) {
        for (int objects : sizes) {
            AppManifests.files(app(objects), objects, "0")
                    .forEach((name, yaml) -> files.put("apps/" + app(objects) + "/" + name, yaml));
        }
    }

    void run() {
        for (int objects : settings.objectsPerApp()) {
            Samples webhook = measure("hook", objects, true);
            Samples poll = objects == settings.objectsPerApp().get(0) ? measure("poll", objects, false) : null;
            floors(objects, webhook, poll);
        }
        results.note("floors", "Measured in the same run, in the benchmark's JVM, against the same broker, "
                + "emulator and kind of repo: a bare clone of its own ls-remotes and fetches `main` after each new "
                + "commit of the same size; a producer (acks=all, linger 0) sends 1 KiB to a topic of its own and a "
                + "consumer polls it back; the objects of the application, with a changed image, are server-side "
                + "applied one after the other (field manager `bench`, force) into a namespace of their own. The "
                + "fetch floor grows over the run: every commit of the run is a push of its own pack into the same "
                + "bare repo, and JGit's fetch slows as packs pile up.");
        results.note("commit-to-synced", "From the end of `git push` (the commit is in the bare repo the watcher "
                + "fetches over file://) to the moment the benchmark's own consumer receives the `SyncCompleted` of "
                + "that revision (outcome succeeded, health healthy: the applier has applied the changed Deployment "
                + "and the simulator has reported it ready). Each commit changes the image of the first Deployment. "
                + "Webhook: a signed generic push webhook is sent right after the push; the watcher's debounce window "
                + "is " + settings.debounce().toMillis() + " ms (its default) and is part of the figure. Poll: the "
                + "source is polled every 1 s, so about 500 ms of the figure is the wait for the next poll. The path "
                + "crosses three Kafka hops (commits, drift, sync-results).");
    }

    private Samples measure(String source, int objects, boolean webhook) {
        String app = app(objects);
        String appId = source + "/" + app;
        GitRepoFixture repo = stack.repo(source);
        Samples samples = new Samples();
        int failed = 0;
        String label = "commit → synced (" + (webhook ? "webhook" : "poll 1 s") + ")";
        try {
            for (int i = 1; i <= settings.commits(); i++) {
                int mark = stack.arrivals.mark();
                repo.write("apps/" + app + "/obj-0.yaml", AppManifests.files(app, 1, source + i).get("obj-0.yaml"));
                String sha = repo.commit("Deploy " + app + " " + i, BenchStack.AUTHOR, "bench@example.com");
                long pushed = System.nanoTime();
                if (webhook) {
                    stack.webhook(source);
                }
                Arrivals.Arrival arrival = stack.arrivals.await(mark, SyncCompleted.class,
                        e -> e.appId().equals(appId) && e.commit().revision().equals(sha), WAIT);
                SyncCompleted done = (SyncCompleted) arrival.event();
                if (done.outcome() != SyncOutcome.SUCCEEDED || done.health() != Health.HEALTHY) {
                    failed++;
                }
                samples.addNanos(arrival.nanos() - pushed);
            }
            results.add("commit-to-synced", label, objects + " objects, " + samples.count() + " commits",
                    samples.summary() + (failed > 0 ? ", " + failed + " not healthy" : ""), "p99 ≤ 1 s",
                    samples.p99() <= 1000);
            results.series(label + ", " + objects + " objects", samples);
        } catch (Exception e) {
            results.failed("commit-to-synced", label + " " + objects + " objects", e);
        }
        return samples;
    }

    private void floors(int objects, Samples webhook, Samples poll) {
        try {
            Samples fetch = fetchFloor(objects);
            Samples hop = kafkaFloor();
            Samples apply = applyFloor(objects);
            String size = objects + " objects, " + fetch.count() + " samples";
            results.add("floors", "ls-remote + fetch of one commit (JGit, file://)", size, fetch.summary(), "",
                    null);
            results.add("floors", "one Kafka hop (send acks=all → consumed)", fetch.count() + " samples",
                    hop.summary(), "", null);
            results.add("floors", "server-side apply of the " + objects + " objects (fabric8 → emulator)", size,
                    apply.summary(), "", null);
            double floor = fetch.p50() + hop.p50() + apply.p50();
            results.add("floors", "commit → synced (webhook) p50 / sum of the floors' p50", objects + " objects",
                    Results.fmt("%.0f ms / %.0f ms = %.1f×", webhook.p50(), floor, webhook.p50() / floor), "", null);
            if (poll != null) {
                results.add("floors", "commit → synced (poll) p50 / sum of the floors' p50", objects + " objects",
                        Results.fmt("%.0f ms / %.0f ms = %.1f×", poll.p50(), floor, poll.p50() / floor), "", null);
            }
        } catch (Exception e) {
            results.failed("floors", "floors for " + objects + " objects", e);
        }

    }

    private Samples fetchFloor(int objects) throws Exception {
        GitRepoFixture repo = stack.repo("hook");
        Path clone = stack.work.resolve("floor-clone-" + objects);
        Samples samples = new Samples();
        try (Git git = Git.cloneRepository().setURI(repo.url()).setBare(true).setDirectory(clone.toFile()).call()) {
            for (int i = 0; i < settings.floorSamples(); i++) {
                // Outside every application's folder: the watcher, which hears no webhook for it, never reads it.
                repo.write("floor/obj-0.yaml", AppManifests.files("floor", 1, "f" + i).get("obj-0.yaml"));
                repo.commit("floor " + i, BenchStack.AUTHOR, "bench@example.com");
                long start = System.nanoTime();
                Git.lsRemoteRepository().setRemote(repo.url()).setHeads(true).call();
                git.fetch().setRemote(repo.url()).setRefSpecs(new RefSpec("+refs/heads/main:refs/heads/main"))
                        .call();
                samples.addNanos(System.nanoTime() - start);
            }
        }
        return samples;
    }

    private Samples kafkaFloor() throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap);
        try (Admin client = Admin.create(admin)) {
            if (!client.listTopics().names().get().contains(FLOOR_TOPIC)) {
                client.createTopics(List.of(new NewTopic(FLOOR_TOPIC, 1, (short) 1))).all().get();
            }
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Samples samples = new Samples();
        byte[] payload = new byte[1024];
        TopicPartition partition = new TopicPartition(FLOOR_TOPIC, 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer());
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            for (int i = 0; i < settings.floorSamples() + 10; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(FLOOR_TOPIC, payload)).get();
                int got = 0;
                while (got == 0) {
                    got = consumer.poll(Duration.ofSeconds(5)).count();
                }
                if (i >= 10) {
                    // The first ten warm the connections up.
                    samples.addNanos(System.nanoTime() - start);
                }
            }
        }
        return samples;
    }

    private Samples applyFloor(int objects) {
        Samples samples = new Samples();
        String namespace = "bench-floor-" + objects;
        for (int i = 0; i < settings.floorSamples(); i++) {
            List<HasMetadata> manifests = new ArrayList<>();
            for (String yaml : AppManifests.files("floor" + objects, objects, "a" + i).values()) {
                manifests.add(stack.kube.getKubernetesSerialization().unmarshal(yaml));
            }
            long start = System.nanoTime();
            for (HasMetadata object : manifests) {
                stack.kube.resource(object).inNamespace(namespace).fieldManager("bench").forceConflicts()
                        .serverSideApply();
            }
            samples.addNanos(System.nanoTime() - start);
        }
        return samples;
    }
}
