package io.lockstep.applier.sync;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.deployment;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static io.lockstep.applier.fixtures.Manifests.prune;
import static io.lockstep.applier.fixtures.Manifests.ref;
import static io.lockstep.applier.fixtures.Manifests.service;
import static io.lockstep.applier.fixtures.Manifests.unchanged;
import static io.lockstep.applier.fixtures.Manifests.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.applier.health.FakeTime;
import io.lockstep.applier.health.HealthWaiter;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.SyncPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncStateMachineTest {
    private static final String APP = "demo/web";
    private static final SyncPolicy PRUNE = new SyncPolicy(true, true, false, false);

    private final InMemoryTarget target = new InMemoryTarget();
    private final FakeTime time = new FakeTime();
    private final SyncStateMachine machine = new SyncStateMachine(target,
            new HealthWaiter(time, time, Duration.ofMillis(100), Duration.ofSeconds(2)));

    private SyncReport run(SyncPolicy policy, Set<String> inventory, PlannedChange... plan) throws Exception {
        return machine.run(new SyncRequest(APP, policy, Duration.ofMinutes(1), List.of(plan), inventory));
    }

    private static JsonNode ready(JsonNode live) {
        if ("Deployment".equals(live.path("kind").asText())) {
            ((ObjectNode) live).putObject("status").put("replicas", 1).put("updatedReplicas", 1)
                    .put("availableReplicas", 1);
        }
        return live;
    }

    @Test
    void appliesCreatesAndUpdatesNamespaceFirstAndReportsEachObjectSynced() throws Exception {
        target.liveView = SyncStateMachineTest::ready;

        SyncReport report = run(PRUNE, Set.of(),
                create(deployment(APP, "web", "web", "nginx:1")),
                update(configMap(APP, "web", "cfg", "k", "v")),
                create(namespace(APP, "web")));

        assertThat(target.calls).containsExactly("apply Namespace web", "apply ConfigMap web/cfg",
                "apply Deployment web/web");
        assertThat(report.results()).extracting(ObjectResult::code).containsOnly(ResultCode.SYNCED);
        assertThat(report.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(report.health()).isEqualTo(Health.HEALTHY);
        assertThat(report.applied()).hasSize(3);
        assertThat(report.error()).isNull();
    }

    @Test
    void objectsThePlanLeavesUnchangedAreNotTouchedButCountForHealth() throws Exception {
        JsonNode svc = service(APP, "web", "web");
        target.put(svc);
        JsonNode stuck = deployment(APP, "web", "web", "nginx:1");
        target.put(stuck);

        SyncReport report = run(PRUNE, Set.of(), unchanged(svc), unchanged(stuck),
                create(configMap(APP, "web", "cfg", "k", "v")));

        assertThat(target.calls).containsExactly("apply ConfigMap web/cfg");
        assertThat(report.results()).hasSize(1);
        assertThat(report.health()).isEqualTo(Health.DEGRADED);
    }

    @Test
    void aFailedNamespaceStopsTheSyncBeforeAnythingThatWouldLiveInIt() throws Exception {
        JsonNode ns = namespace(APP, "web");
        target.refuse(ref(ns), "HTTP 403: forbidden");

        SyncReport report = run(PRUNE, Set.of(), create(ns), create(configMap(APP, "web", "cfg", "k", "v")));

        assertThat(target.calls).containsExactly("apply Namespace web");
        assertThat(report.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(report.results()).extracting(ObjectResult::code)
                .containsExactly(ResultCode.SYNC_FAILED, ResultCode.SYNC_FAILED);
        assertThat(report.results().get(1).message()).startsWith("not applied: ").contains("Namespace web");
        assertThat(report.error()).contains("Namespace web: HTTP 403: forbidden");
    }

    @Test
    void aFailedApplyPrunesNothingAndDoesNotWaitForHealth() throws Exception {
        JsonNode cm = configMap(APP, "web", "old", "k", "v");
        target.put(cm);
        JsonNode broken = configMap(APP, "web", "cfg", "k", "v");
        target.refuse(ref(broken), "HTTP 422: invalid");

        SyncReport report = run(PRUNE, Set.of(ref(cm).key()), create(broken), prune(ref(cm)),
                create(deployment(APP, "web", "web", "nginx:1")));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(target.objects).containsKey(ref(cm).key());
        assertThat(report.results()).filteredOn(r -> r.ref().equals(ref(cm))).singleElement()
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo(ResultCode.PRUNE_SKIPPED);
                    assertThat(r.message()).isEqualTo(PrunePolicy.APPLY_FAILED);
                });
        assertThat(time.pauses).isEmpty();
    }

    @Test
    void prunesAfterTheApplyOnlyOwnedInventoryObjects() throws Exception {
        JsonNode ours = configMap(APP, "web", "old", "k", "v");
        JsonNode foreign = configMap(null, "web", "theirs", "k", "v");
        target.put(ours);
        target.put(foreign);

        SyncReport report = run(PRUNE, Set.of(ref(ours).key(), ref(foreign).key()), prune(ref(ours)),
                prune(ref(foreign)), create(configMap(APP, "web", "cfg", "k", "v")));

        assertThat(target.calls).containsExactly("apply ConfigMap web/cfg", "delete ConfigMap web/old");
        assertThat(target.objects).containsKey(ref(foreign).key()).doesNotContainKey(ref(ours).key());
        assertThat(report.removed()).containsExactly(ref(ours));
        assertThat(report.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    }

    @Test
    void pruneDisabledReportsWhatWouldHaveBeenPruned() throws Exception {
        JsonNode ours = configMap(APP, "web", "old", "k", "v");
        target.put(ours);

        SyncReport report = run(new SyncPolicy(true, false, false, false), Set.of(ref(ours).key()),
                prune(ref(ours)), create(configMap(APP, "web", "cfg", "k", "v")));

        assertThat(target.objects).containsKey(ref(ours).key());
        assertThat(report.results()).filteredOn(r -> r.code() == ResultCode.PRUNE_SKIPPED).singleElement()
                .extracting(ObjectResult::message).isEqualTo("prune disabled");
    }

    @Test
    void anEmptyDesiredSetPrunesNothing() throws Exception {
        JsonNode ours = configMap(APP, "web", "old", "k", "v");
        target.put(ours);

        SyncReport report = run(PRUNE, Set.of(ref(ours).key()), prune(ref(ours)));

        assertThat(target.calls).isEmpty();
        assertThat(report.results()).singleElement().extracting(ObjectResult::code)
                .isEqualTo(ResultCode.PRUNE_SKIPPED);
        assertThat(report.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    }

    @Test
    void aDeploymentThatNeverBecomesReadyIsDegradedOnceTheHealthTimeoutPasses() throws Exception {
        SyncReport report = run(PRUNE, Set.of(), create(deployment(APP, "web", "web", "nginx:1")));

        assertThat(report.health()).isEqualTo(Health.DEGRADED);
        assertThat(report.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(report.error()).startsWith("not healthy within 1m: Deployment web/web: progressing");
        assertThat(time.pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMinutes(1));
    }
}
