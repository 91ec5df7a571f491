package io.lockstep.launcher.demo;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.events.RollbackRequested;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.serde.LockstepEventSerializer;
import io.lockstep.launcher.Console;
import io.lockstep.launcher.stack.Messaging;
import io.lockstep.launcher.stack.Stack;
import io.lockstep.testsupport.git.GitRepoFixture;
import io.lockstep.testsupport.kafka.EventCollector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The scripted tour of {@code lockstep demo}, against a running stack on the sandbox: (1) a first commit is deployed,
 * (2) an image change is applied, (3) a hand edit is detected and healed, (4) a broken commit is refused and
 * reported, (5) a rollback writes a revert commit and the previous state returns. Each step waits for what a user
 * would see (objects in the sandbox, events, Slack messages and emails) and records how long it took. Steps 3 and 5
 * rely on features a build may not have yet (live-change detection, rollback): they wait a bounded time and say so
 * plainly when nothing happens; they never pretend.
 */
public final class DemoTour {
    public static final String REQUESTED_BY = "lockstep demo";
    static final String IMAGE_1 = "nginx:1.27.0";
    static final String IMAGE_2 = "nginx:1.27.1";

    private final Stack stack;
    private final GitRepoFixture repo;
    private final EventCollector events;
    private final NotificationPrinter printer;
    private final Console console;
    private final Duration stepTimeout;
    private final Duration optionalTimeout;
    private final String appId;
    private final KubernetesClient kube;
    private final List<StepResult> results = new ArrayList<>();
    private long stepStart;
    private String firstRevision;

    public DemoTour(Stack stack, String sourceId, GitRepoFixture repo, EventCollector events,
            NotificationPrinter printer, Console console, Duration stepTimeout, Duration optionalTimeout) {
        this.stack = stack;
        this.repo = repo;
        this.events = events;
        this.printer = printer;
        this.console = console;
        this.stepTimeout = stepTimeout;
        this.optionalTimeout = optionalTimeout;
        this.appId = sourceId + "/" + DemoManifests.APP_NAME;
        this.kube = stack.target().sandboxClient();
    }

    /** Runs the five steps in order; a failed step is recorded and the tour goes on where that still makes sense. */
    public List<StepResult> run() {
        step(1, "a first commit is deployed", true, this::firstCommit);
        step(2, "an image change is applied", true, this::imageChange);
        step(3, "a hand edit is detected and healed", false, this::handEdit);
        step(4, "a broken commit is refused and reported", true, this::brokenCommit);
        step(5, "a rollback writes a revert commit", false, this::rollback);
        return List.copyOf(results);
    }

    public static boolean succeeded(List<StepResult> results) {
        return results.stream().filter(StepResult::required).allMatch(r -> r.status() == StepResult.Status.OK);
    }

    private interface Body {
        StepResult.Outcome run() throws Exception;
    }

    private void step(int number, String title, boolean required, Body body) {
        console.line("");
        console.line("Step %d/5: %s", number, title);
        stepStart = System.nanoTime();
        StepResult.Outcome outcome;
        try {
            outcome = body.run();
        } catch (Exception e) {
            outcome = StepResult.Outcome.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        printer.printNew();
        Duration took = Duration.ofNanos(System.nanoTime() - stepStart);
        results.add(new StepResult(number, title, required, outcome.status(), took, outcome.note()));
        console.line("  => %s in %s%s", outcome.status().label(), Console.seconds(took),
                outcome.note() == null ? "" : ": " + outcome.note());
    }

    /** Steps 2 to 5 build on the objects of step 1; without them they would only fail for the same reason. */
    private Optional<StepResult.Outcome> needsStepOne() {
        if (firstRevision == null || deployment() == null || service() == null) {
            return Optional.of(StepResult.Outcome.skipped("step 1 did not deploy the application"));
        }
        return Optional.empty();
    }

    private StepResult.Outcome firstCommit() {
        repo.write("README.md", DemoManifests.README)
                .write("lockstep.yaml", DemoManifests.LOCKSTEP_YAML)
                .write("apps/web/deployment.yaml", DemoManifests.deployment(IMAGE_1))
                .write("apps/web/service.yaml", DemoManifests.SERVICE)
                .write("apps/web/configmap.yaml", DemoManifests.CONFIG_MAP);
        String sha = commit("Deploy web " + IMAGE_1);
        firstRevision = sha;
        Optional<SyncCompleted> sync = followCommit(sha);
        if (sync.isEmpty()) {
            return StepResult.Outcome.failed("no sync result for " + sha.substring(0, 7) + " within "
                    + stepTimeout.toSeconds() + "s (see " + stack.services().get(0).log().getParent() + ")");
        }
        if (sync.get().outcome() != SyncOutcome.SUCCEEDED || sync.get().health() != Health.HEALTHY) {
            return StepResult.Outcome.failed("sync " + describe(sync.get()));
        }
        List<String> live = new ArrayList<>();
        if (deployment() != null) {
            live.add("Deployment web/web");
        }
        if (service() != null) {
            live.add("Service web/web");
        }
        if (configMap() != null) {
            live.add("ConfigMap web/web-config");
        }
        say("in the sandbox now: " + String.join(", ", live));
        if (live.size() != 3) {
            return StepResult.Outcome.failed("expected 3 objects in the sandbox, found " + live.size());
        }
        return notified(sha, null);
    }

    private StepResult.Outcome imageChange() {
        Optional<StepResult.Outcome> skip = needsStepOne();
        if (skip.isPresent()) {
            return skip.get();
        }
        String serviceVersion = service().getMetadata().getResourceVersion();
        repo.write("apps/web/deployment.yaml", DemoManifests.deployment(IMAGE_2));
        String sha = commit("Bump web to " + IMAGE_2);
        Optional<SyncCompleted> sync = followCommit(sha);
        if (sync.isEmpty()) {
            return StepResult.Outcome.failed("no sync result for " + sha.substring(0, 7) + " within "
                    + stepTimeout.toSeconds() + "s");
        }
        if (sync.get().outcome() != SyncOutcome.SUCCEEDED || sync.get().health() != Health.HEALTHY) {
            return StepResult.Outcome.failed("sync " + describe(sync.get()));
        }
        String image = image();
        say("Deployment web/web runs " + image + "; Service web/web untouched (resourceVersion "
                + (serviceVersion.equals(service().getMetadata().getResourceVersion()) ? "unchanged" : "CHANGED")
                + ")");
        if (!IMAGE_2.equals(image)) {
            return StepResult.Outcome.failed("the Deployment runs " + image + ", not " + IMAGE_2);
        }
        return notified(sha, null);
    }

    private StepResult.Outcome handEdit() {
        Optional<StepResult.Outcome> skip = needsStepOne();
        if (skip.isPresent()) {
            return skip.get();
        }
        int desired = deployment().getSpec().getReplicas();
        int edited = desired + 3;
        int driftsBefore = events.events(DriftDetected.class).size();
        kube.apps().deployments().inNamespace(DemoManifests.NAMESPACE).withName("web")
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(edited).endSpec().build());
        say("someone scaled Deployment web/web from " + desired + " to " + edited + " replicas by hand");
        Supplier<Optional<DriftDetected>> liveDrift = () -> events.events(DriftDetected.class).stream()
                .skip(driftsBefore).filter(d -> d.appId().equals(appId)).findFirst();
        Supplier<Optional<Integer>> back = () -> {
            Deployment d = deployment();
            return d != null && d.getSpec().getReplicas() == desired ? Optional.of(desired) : Optional.empty();
        };
        Optional<Integer> healed = await(optionalTimeout, () -> back.get().isPresent() ? back.get()
                : liveDrift.get().isPresent() ? Optional.of(-1) : Optional.empty());
        Optional<DriftDetected> drift = liveDrift.get();
        drift.ifPresent(d -> say("differ saw the live change (" + d.reason() + "): " + plan(d)));
        if (drift.isPresent() && back.get().isEmpty()) {
            healed = await(stepTimeout, back);
        }
        if (healed.isPresent() && back.get().isPresent()) {
            say("healed: Deployment web/web is back to " + desired + " replicas");
            return StepResult.Outcome.ok(null);
        }
        if (drift.isPresent()) {
            return StepResult.Outcome.failed("the live change was detected but not healed within "
                    + stepTimeout.toSeconds() + "s");
        }
        String note = "drift healing is not available in this build (no drift reported within "
                + optionalTimeout.toSeconds() + "s of the edit; the Deployment still has "
                + deployment().getSpec().getReplicas() + " replicas)";
        say(note);
        return StepResult.Outcome.unavailable(note);
    }

    private StepResult.Outcome brokenCommit() {
        Optional<StepResult.Outcome> skip = needsStepOne();
        if (skip.isPresent()) {
            return skip.get();
        }
        String serviceVersion = service().getMetadata().getResourceVersion();
        repo.write("apps/web/service.yaml", DemoManifests.BROKEN_SERVICE);
        String sha = commit("Break the service manifest");
        String shortSha = sha.substring(0, 7);
        if (await(stepTimeout, () -> first(CommitObserved.class, c -> is(c.commit().revision(), sha))).isEmpty()) {
            return StepResult.Outcome.failed("the repo-watcher did not see " + shortSha);
        }
        say("repo-watcher saw the commit");
        Optional<RenderFailed> failed = await(stepTimeout, () -> first(RenderFailed.class,
                r -> is(r.commit().revision(), sha)));
        if (failed.isEmpty()) {
            return StepResult.Outcome.failed("no RenderFailed for " + shortSha + " within " + stepTimeout.toSeconds()
                    + "s");
        }
        say("differ refused it: " + failed.get().location() + ": " + failed.get().message());
        String where = failed.get().file();
        StepResult.Outcome told = notified(sha, where);
        boolean applied = !events.events(DriftDetected.class, d -> is(d.commit().revision(), sha)).isEmpty()
                || !events.events(SyncCompleted.class, c -> is(c.commit().revision(), sha)).isEmpty()
                || !serviceVersion.equals(service().getMetadata().getResourceVersion());
        if (applied) {
            return StepResult.Outcome.failed("something was planned or applied for the broken commit");
        }
        say("nothing was applied: the sandbox still runs the last good revision");
        return told;
    }

    private StepResult.Outcome rollback() {
        Optional<StepResult.Outcome> skip = needsStepOne();
        if (skip.isPresent()) {
            return skip.get();
        }
        String before = image();
        RollbackRequested command = new RollbackRequested(EventIds.of(EventType.ROLLBACK_REQUESTED, appId,
                firstRevision, REQUESTED_BY), appId, firstRevision, REQUESTED_BY,
                "the tour rolls web back to its first version", Instant.now());
        publish(command);
        say("published RollbackRequested on lockstep.commands: " + appId + " back to "
                + firstRevision.substring(0, 7));
        Optional<SyncCompleted> rollback = await(optionalTimeout, () -> first(SyncCompleted.class,
                c -> c.operationId().equals(command.id()) || "rollback".equals(c.trigger())));
        if (rollback.isEmpty()) {
            String note = "rollback is not available in this build (no answer to RollbackRequested within "
                    + optionalTimeout.toSeconds() + "s; the Deployment still runs " + before + ")";
            say(note);
            return StepResult.Outcome.unavailable(note);
        }
        if (rollback.get().outcome() == SyncOutcome.FAILED) {
            return StepResult.Outcome.failed("rollback failed: " + rollback.get().error());
        }
        String revert = rollback.get().commit().revision();
        say("applier pushed revert commit " + revert.substring(0, 7) + " (" + rollback.get().commit().subject()
                + ")");
        Optional<SyncCompleted> sync = followCommit(revert);
        if (sync.isEmpty() || sync.get().outcome() != SyncOutcome.SUCCEEDED) {
            return StepResult.Outcome.failed("the revert commit was not synced: "
                    + sync.map(DemoTour::describe).orElse("no result"));
        }
        String image = image();
        say("Deployment web/web runs " + image + " again");
        if (!IMAGE_1.equals(image)) {
            return StepResult.Outcome.failed("the Deployment runs " + image + ", not " + IMAGE_1);
        }
        return StepResult.Outcome.ok(null);
    }

    /** Follows a commit through the pipeline, printing each stage; the sync result, if one came in time. */
    private Optional<SyncCompleted> followCommit(String sha) {
        if (await(stepTimeout, () -> first(CommitObserved.class, c -> is(c.commit().revision(), sha))).isEmpty()) {
            return Optional.empty();
        }
        say("repo-watcher saw the commit");
        Optional<DriftDetected> drift = await(stepTimeout, () -> first(DriftDetected.class,
                d -> is(d.commit().revision(), sha)));
        if (drift.isEmpty()) {
            return Optional.empty();
        }
        say("differ planned: " + plan(drift.get()));
        Optional<SyncCompleted> sync = await(stepTimeout, () -> first(SyncCompleted.class,
                c -> is(c.commit().revision(), sha) && !"rollback".equals(c.trigger())));
        sync.ifPresent(c -> say("applier: " + describe(c) + " (sandbox)"));
        return sync;
    }

    /** Waits for a Slack message and an email about {@code sha} (naming {@code where}, when given). */
    private StepResult.Outcome notified(String sha, String where) {
        String shortSha = sha.substring(0, 7);
        Predicate<Messaging.Delivered> about = d -> (d.title() + "\n" + d.body()).contains(shortSha)
                && (where == null || (d.title() + "\n" + d.body()).contains(where));
        Optional<Boolean> both = await(stepTimeout, () -> {
            List<Messaging.Delivered> all = stack.messaging().received(0, 0);
            // Messages sent to a real Slack or SMTP server (SLACK_WEBHOOK_URL, SMTP_HOST) cannot be read back here.
            boolean slack = !stack.messaging().slackStandIn()
                    || all.stream().anyMatch(d -> d.channel().equals("slack") && about.test(d));
            boolean email = !stack.messaging().emailStandIn()
                    || all.stream().anyMatch(d -> d.channel().equals("email") && about.test(d));
            return slack && email ? Optional.of(true) : Optional.empty();
        });
        printer.printNew();
        if (both.isEmpty()) {
            return StepResult.Outcome.failed("no Slack message and email about " + shortSha
                    + (where == null ? "" : " naming " + where) + " within " + stepTimeout.toSeconds() + "s");
        }
        return StepResult.Outcome.ok(null);
    }

    private String commit(String message) {
        String sha = repo.commit(message, DemoManifests.AUTHOR, DemoManifests.AUTHOR_EMAIL);
        say("commit " + sha.substring(0, 7) + " \"" + message + "\" by " + DemoManifests.AUTHOR
                + " pushed to the demo repo");
        return sha;
    }

    private void publish(LockstepEvent event) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(LockstepEventSerializer.SOURCE_CONFIG, "/lockstep/launcher");
        try (KafkaProducer<String, LockstepEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
                new LockstepEventSerializer())) {
            producer.send(new ProducerRecord<>(EventType.of(event.getClass()).topic(), event.appId(), event))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    private <T extends LockstepEvent> Optional<T> first(Class<T> type, Predicate<T> filter) {
        return events.events(type, e -> e.appId().equals(appId) && filter.test(e)).stream().findFirst();
    }

    /** Polls until {@code probe} yields a value or {@code timeout} passes. */
    private static <T> Optional<T> await(Duration timeout, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent() || Instant.now().isAfter(deadline)) {
                return value;
            }
            try {
                // The tour polls the sandbox, the event log and the stand-ins; none of them can notify it.
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private void say(String text) {
        console.line("  +%-6s %s", Console.seconds(System.nanoTime() - stepStart), text);
    }

    private static boolean is(String revision, String sha) {
        return sha.equals(revision);
    }

    private static String plan(DriftDetected d) {
        List<PlannedChange> changes = d.plan().stream().filter(c -> c.action() != ChangeAction.NONE).toList();
        if (changes.isEmpty()) {
            return "nothing to change";
        }
        return changes.stream().map(c -> c.action().name().toLowerCase() + " " + c.ref().kind() + " "
                + c.ref().namespace() + "/" + c.ref().name()).collect(Collectors.joining(", "));
    }

    private static String describe(SyncCompleted c) {
        return c.outcome().name().toLowerCase() + ", health " + c.health().name().toLowerCase() + ", "
                + c.results().size() + " object(s)" + (c.error() == null ? "" : ": " + c.error());
    }

    private Deployment deployment() {
        return kube.apps().deployments().inNamespace(DemoManifests.NAMESPACE).withName("web").get();
    }

    private String image() {
        Deployment d = deployment();
        return d == null ? "(no Deployment)" : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private Service service() {
        return kube.services().inNamespace(DemoManifests.NAMESPACE).withName("web").get();
    }

    private ConfigMap configMap() {
        return kube.configMaps().inNamespace(DemoManifests.NAMESPACE).withName("web-config").get();
    }
}
