package io.lockstep.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.events.RollbackRequested;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.launcher.stack.Ports;
import io.lockstep.launcher.stack.ServiceProcess;
import io.lockstep.testsupport.db.TestDatabase;
import io.lockstep.testsupport.git.GitRepoFixture;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.TestProducer;
import io.lockstep.testsupport.kube.KubeApiEmulator;
import io.lockstep.testsupport.kube.WorkloadSimulator;
import io.lockstep.testsupport.slack.SlackMessage;
import io.lockstep.testsupport.slack.SlackStub;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The walking skeleton across all four services, each a separate process running its packaged Quarkus app, against
 * one real Kafka broker, a real PostgreSQL, a real Git repo over {@code file://}, fabric8's API server emulator, a
 * real SMTP server and a Slack stand-in. The steps build on each other, in order: four commits to one config repo,
 * then a rollback that the applier writes as a revert commit, which flows back through the pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(PipelineE2E.DumpLogsOnFailure.class)
class PipelineE2E {
    // Generous bounds: on a loaded 2-core machine four JVMs start slowly. These are limits, never measurements.
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);
    private static final String APP = "demo/web";
    private static final String NS = "web";
    private static final String AUTHOR = "Alice Example";

    private final List<ServiceProcess> services = new ArrayList<>();
    private Path work;
    private GitRepoFixture repo;
    private KubeApiEmulator emulator;
    private KubernetesClient kube;
    private WorkloadSimulator simulator;
    private GreenMail smtp;
    private SlackStub slack;
    private EventCollector events;
    private TestProducer producer;
    private final List<String> shas = new ArrayList<>();

    @BeforeAll
    void startTheWholeStack() throws Exception {
        work = Files.createTempDirectory("lockstep-e2e");
        String bootstrap = KafkaBroker.start();
        TestDatabase db = TestDatabase.create("lockstep_e2e");
        emulator = KubeApiEmulator.start();
        kube = emulator.client();
        simulator = new WorkloadSimulator(kube);
        simulator.start();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        slack = SlackStub.start();
        repo = GitRepoFixture.create(work.resolve("config-repo"));
        events = EventCollector.open(bootstrap, Topics.COMMITS, Topics.DRIFT, Topics.SYNC_RESULTS,
                Topics.NOTIFICATIONS);
        producer = new TestProducer(bootstrap);

        Map<String, String> common = new HashMap<>(db.quarkusConfig());
        common.put("kafka.bootstrap.servers", bootstrap);
        common.put("lockstep.kafka.partitions", String.valueOf(KafkaBroker.TEST_PARTITIONS));

        Map<String, String> watcher = new HashMap<>(common);
        watcher.put("lockstep.sources.demo.url", repo.url());
        watcher.put("lockstep.sources.demo.poll-interval", "1s");
        watcher.put("lockstep.watcher.workdir", work.resolve("watcher").toString());

        Map<String, String> differ = new HashMap<>(common);
        differ.putAll(emulator.quarkusConfig());

        Map<String, String> applier = new HashMap<>(common);
        applier.putAll(emulator.quarkusConfig());
        // Rollbacks push revert commits; a repository on the local file system needs no credentials.
        applier.put("lockstep.applier.sources.demo.url", repo.url());
        applier.put("lockstep.applier.git.workdir", work.resolve("applier-git").toString());

        Map<String, String> notifier = new HashMap<>(common);
        notifier.put("lockstep.notifier.slack.webhook-url", slack.webhookUrl());
        notifier.put("quarkus.mailer.host", "127.0.0.1");
        notifier.put("quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()));
        notifier.put("quarkus.mailer.from", "lockstep@example.com");
        notifier.put("quarkus.mailer.start-tls", "DISABLED");
        notifier.put("quarkus.mailer.tls", "false");
        notifier.put("quarkus.mailer.mock", "false");

        Path root = Path.of(System.getProperty("lockstep.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of("target", "e2e-logs").toAbsolutePath();
        // Consumers first, so that nothing waits on a group rebalance when the first commit arrives.
        services.add(start(root, "notifier", notifier, logs));
        services.add(start(root, "applier", applier, logs));
        services.add(start(root, "differ", differ, logs));
        services.add(start(root, "repo-watcher", watcher, logs));
        try {
            await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> services.stream().allMatch(ServiceProcess::isReady));
        } catch (RuntimeException e) {
            services.forEach(DumpLogsOnFailure::print);
            throw e;
        }
    }

    /** The packaged Quarkus app, as production runs it, in a JVM of its own. */
    private static ServiceProcess start(Path root, String name, Map<String, String> config, Path logs) {
        Path jar = root.resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        return ServiceProcess.start(name, jar, Ports.free(), config, Map.of(), logs);
    }

    @AfterAll
    void stopEverything() {
        services.forEach(ServiceProcess::close);
        if (events != null) {
            events.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (slack != null) {
            slack.close();
        }
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    @Order(1)
    void aFirstCommitDeploysAllThreeObjectsAndTellsSlackAndEmail() {
        repo.write("lockstep.yaml", Manifests.LOCKSTEP_YAML)
                .write("apps/web/deployment.yaml", Manifests.deployment("nginx:1.27.0"))
                .write("apps/web/service.yaml", Manifests.SERVICE)
                .write("apps/web/configmap.yaml", Manifests.CONFIG_MAP);
        String sha = repo.commit("Deploy web\n\nFirst version.", AUTHOR, "alice@example.com");
        shas.add(sha);

        await().atMost(STEP_TIMEOUT).untilAsserted(() -> {
            assertThat(deployment()).isNotNull();
            assertThat(service()).isNotNull();
            assertThat(configMap()).isNotNull();
        });
        assertThat(deployment().getMetadata().getAnnotations()).containsEntry("lockstep.io/app", APP);
        assertThat(deployment().getMetadata().getManagedFields())
                .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("lockstep"));

        awaitOutcome(sha, 1);
        assertThat(events.events(CommitObserved.class)).extracting(CommitObserved::appId).containsOnly(APP);
    }

    @Test
    @Order(2)
    void aSecondCommitChangingTheImageUpdatesOnlyTheDeployment() {
        String serviceVersion = service().getMetadata().getResourceVersion();
        String configMapVersion = configMap().getMetadata().getResourceVersion();

        repo.write("apps/web/deployment.yaml", Manifests.deployment("nginx:1.27.1"));
        String sha = repo.commit("Bump web to nginx 1.27.1", AUTHOR, "alice@example.com");
        shas.add(sha);

        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(
                deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("nginx:1.27.1"));
        awaitOutcome(sha, 2);
        assertThat(service().getMetadata().getResourceVersion()).isEqualTo(serviceVersion);
        assertThat(configMap().getMetadata().getResourceVersion()).isEqualTo(configMapVersion);
    }

    @Test
    @Order(3)
    void aThirdCommitDeletingTheConfigMapFilePrunesTheConfigMap() {
        repo.delete("apps/web/configmap.yaml");
        String sha = repo.commit("Drop the web config map", AUTHOR, "alice@example.com");
        shas.add(sha);

        await().atMost(STEP_TIMEOUT).untilAsserted(() -> assertThat(configMap()).isNull());
        awaitOutcome(sha, 3);
        assertThat(deployment()).isNotNull();
        assertThat(service()).isNotNull();
    }

    @Test
    @Order(4)
    void aFourthCommitWithInvalidYamlAppliesNothingAndNamesTheFileAndLine() throws Exception {
        String deploymentVersion = deployment().getMetadata().getResourceVersion();
        String serviceVersion = service().getMetadata().getResourceVersion();
        int expectedLine = yamlErrorLine(Manifests.BROKEN_SERVICE);

        repo.write("apps/web/service.yaml", Manifests.BROKEN_SERVICE);
        String sha = repo.commit("Break the service manifest", AUTHOR, "alice@example.com");
        shas.add(sha);

        String where = "apps/web/service.yaml";
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> {
            assertThat(slackMessagesAbout(sha)).singleElement()
                    .satisfies(m -> assertThat(m.raw()).contains(where).contains("line " + expectedLine));
            assertThat(emailsAbout(sha)).singleElement()
                    .satisfies(m -> assertThat(GreenMailUtil.getBody(m)).contains(where)
                            .contains("line " + expectedLine));
        });
        assertThat(events.events(RenderFailed.class, e -> e.commit().revision().equals(sha)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.file()).isEqualTo(where);
                    assertThat(e.line()).isEqualTo(expectedLine);
                });
        assertThat(events.events(DriftDetected.class, e -> e.commit().revision().equals(sha))).isEmpty();
        assertThat(events.events(SyncCompleted.class, e -> e.commit().revision().equals(sha))).isEmpty();
        assertThat(deployment().getMetadata().getResourceVersion()).isEqualTo(deploymentVersion);
        assertThat(service().getMetadata().getResourceVersion()).isEqualTo(serviceVersion);
        // One message per commit and channel, never more: four commits, four of each.
        assertThat(slack.messages()).hasSize(4);
        assertThat(smtp.getReceivedMessages()).hasSize(4);
    }

    @Test
    @Order(5)
    void aRollbackWritesARevertCommitThatFlowsBackThroughThePipeline() throws Exception {
        String firstSha = shas.get(0);
        String brokenSha = shas.get(3);
        producer.send(new RollbackRequested(EventIds.of(EventType.ROLLBACK_REQUESTED, APP, "e2e"), APP, firstSha,
                "alice", "the service manifest is broken", Instant.now()));

        RevCommit revert = await().atMost(STEP_TIMEOUT).until(this::headOfMain, c -> !c.getName().equals(brokenSha));
        assertThat(revert.getParents()).extracting(RevCommit::getName).containsExactly(brokenSha);
        assertThat(revert.getAuthorIdent().getName()).isEqualTo("Lockstep");
        assertThat(revert.getFullMessage()).contains(firstSha.substring(0, 7)).contains("alice")
                .contains("the service manifest is broken");

        // The revert is an ordinary commit: watcher, differ and applier bring back the first revision's state.
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> {
            assertThat(deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("nginx:1.27.0");
            assertThat(configMap()).isNotNull();
        });
        awaitOutcome(revert.getName(), "Lockstep", 5);
    }

    private RevCommit headOfMain() throws Exception {
        try (Git git = Git.open(repo.bareDir().toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository r = git.getRepository();
            RevCommit head = walk.parseCommit(r.resolve("refs/heads/main"));
            walk.parseHeaders(head);
            return head;
        }
    }

    /** Waits for the commit's sync to succeed healthy and for exactly one Slack message and one email about it. */
    private void awaitOutcome(String sha, int expectedTotal) {
        awaitOutcome(sha, AUTHOR, expectedTotal);
    }

    private void awaitOutcome(String sha, String author, int expectedTotal) {
        String shortSha = sha.substring(0, 7);
        await().atMost(STEP_TIMEOUT).untilAsserted(() -> {
            // The sync that applied the commit; a rollback's own record (trigger "rollback") only says it pushed.
            assertThat(events.events(SyncCompleted.class, e -> e.commit().revision().equals(sha)
                    && !"rollback".equals(e.trigger())))
                    .isNotEmpty()
                    .allSatisfy(e -> {
                        assertThat(e.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
                        assertThat(e.health()).isEqualTo(Health.HEALTHY);
                    });
            assertThat(slackMessagesAbout(sha)).singleElement()
                    .satisfies(m -> assertThat(m.raw()).contains(APP).contains(author));
            assertThat(emailsAbout(sha)).singleElement().satisfies(m -> {
                assertThat(m.getSubject()).contains(APP).contains(shortSha);
                assertThat(GreenMailUtil.getBody(m)).contains(author);
            });
        });
        assertThat(slack.messages()).hasSize(expectedTotal);
        assertThat(smtp.getReceivedMessages()).hasSize(expectedTotal);
    }

    private List<SlackMessage> slackMessagesAbout(String sha) {
        String shortSha = sha.substring(0, 7);
        return slack.messages().stream().filter(m -> m.raw().contains(shortSha)).toList();
    }

    private List<MimeMessage> emailsAbout(String sha) throws Exception {
        String shortSha = sha.substring(0, 7);
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().contains(shortSha)) {
                out.add(m);
            }
        }
        return out;
    }

    private static int yamlErrorLine(String yaml) {
        try {
            new YAMLMapper().readTree(yaml);
            throw new AssertionError("the broken manifest parses");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return e.getLocation().getLineNr();
        }
    }

    private Deployment deployment() {
        return kube.apps().deployments().inNamespace(NS).withName("web").get();
    }

    private Service service() {
        return kube.services().inNamespace(NS).withName("web").get();
    }

    private ConfigMap configMap() {
        return kube.configMaps().inNamespace(NS).withName("web-config").get();
    }

    /** On a failure, prints the end of each service's log: the first thing anyone debugging it needs. */
    static class DumpLogsOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            context.getTestInstance().ifPresent(instance -> ((PipelineE2E) instance).services.forEach(
                    DumpLogsOnFailure::print));
        }

        static void print(ServiceProcess service) {
            System.out.println("----- " + service.name() + " (" + service.log() + ")\n" + service.tail(60));
        }
    }
}
