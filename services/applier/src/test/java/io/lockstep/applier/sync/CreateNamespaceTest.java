package io.lockstep.applier.sync;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.applier.health.FakeTime;
import io.lockstep.applier.health.HealthWaiter;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CreateNamespaceTest {
    private static final String APP = "demo/web";
    private static final SyncPolicy ASKS = new SyncPolicy(true, true, false, false, true, false, false);
    private static final SyncPolicy DOES_NOT_ASK = new SyncPolicy(true, true, false, false);

    private final InMemoryTarget target = new InMemoryTarget();
    private final FakeTime time = new FakeTime();

    private SyncReport run(boolean asks, PlannedChange... plan) throws Exception {
        return run(asks, SyncOptionLimits.ALLOW_ALL, plan);
    }

    private SyncReport run(boolean asks, SyncOptionLimits limits, PlannedChange... plan) throws Exception {
        SyncStateMachine machine = new SyncStateMachine(cluster -> target,
                new HealthWaiter(time, time, Duration.ofMillis(100), Duration.ofSeconds(2)), null, Retry.none(),
                limits);
        return machine.run(new SyncRequest(APP, Target.IN_CLUSTER, "web", asks ? ASKS : DOES_NOT_ASK,
                Duration.ofMinutes(1), List.of(), List.of(plan), Set.of()));
    }

    @Test
    void createsTheMissingTargetNamespaceFirstAndKeepsItOutOfTheInventory() throws Exception {
        SyncReport report = run(true, create(configMap(APP, "web", "cfg", "k", "v")));

        assertThat(target.calls).containsExactly("apply Namespace web", "apply ConfigMap web/cfg");
        assertThat(report.results()).first().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ResultCode.SYNCED);
            assertThat(r.message()).isEqualTo("created (target namespace)");
        });
        assertThat(report.applied()).extracting(r -> r.kind()).containsExactly("ConfigMap");
        assertThat(target.objects.get("/Namespace//web").path("metadata").has("annotations")).isFalse();
        assertThat(report.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    }

    @Test
    void doesNotCreateTheNamespaceWhenTheOperatorForbidsIt() throws Exception {
        run(true, new SyncOptionLimits(true, true, false), create(configMap(APP, "web", "cfg", "k", "v")));

        assertThat(target.calls).containsExactly("apply ConfigMap web/cfg");
    }

    @Test
    void leavesAnExistingOrDeclaredNamespaceAloneAndDoesNothingWhenTheApplicationDoesNotAsk() throws Exception {
        target.put(namespace(null, "web"));
        run(true, create(configMap(APP, "web", "a", "k", "v")));
        assertThat(target.calls).containsExactly("apply ConfigMap web/a");

        target.calls.clear();
        target.objects.clear();
        run(true, create(namespace(APP, "web")), create(configMap(APP, "web", "b", "k", "v")));
        assertThat(target.calls).containsExactly("apply Namespace web", "apply ConfigMap web/b");

        target.calls.clear();
        target.objects.clear();
        SyncReport off = run(false, create(configMap(APP, "web", "c", "k", "v")));
        assertThat(target.calls).containsExactly("apply ConfigMap web/c");
        assertThat(off.results()).extracting(ObjectResult::message).doesNotContain("created (target namespace)");
    }
}
