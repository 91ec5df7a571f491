package io.lockstep.applier.sync;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.applier.health.FakeTime;
import io.lockstep.applier.health.HealthWaiter;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransientFailureRetryTest {
    private static final String APP = "demo/web";
    private static final SyncPolicy POLICY = new SyncPolicy(true, true, false, false);

    private final InMemoryTarget target = new InMemoryTarget();
    private final FakeTime time = new FakeTime();
    private final FakeTime retryTime = new FakeTime();
    private final SyncStateMachine machine = new SyncStateMachine(cluster -> target,
            new HealthWaiter(time, time, Duration.ofMillis(100), Duration.ofSeconds(2)), null,
            new Retry(retryTime, 4, Duration.ofMillis(200), Duration.ofSeconds(1)));

    private SyncReport run(JsonNode manifest) throws Exception {
        return machine.run(new SyncRequest(APP, POLICY, Duration.ofMinutes(1), List.of(create(manifest)), Set.of()));
    }

    @Test
    void retriesTransientApiErrorsWithExponentialBackoffUntilTheApplyPasses() throws Exception {
        JsonNode cm = configMap(APP, "web", "cfg", "k", "v");
        target.failNextApplies(ref(cm),
                TargetException.transientFailure("server-side apply refused: HTTP 503: etcd leader changed", null),
                TargetException.transientFailure("server-side apply refused: HTTP 429: too many requests", null));

        SyncReport report = run(cm);

        assertThat(report.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(target.calls).hasSize(3);
        assertThat(retryTime.pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void givesUpOnATransientErrorAfterTheLastAttemptAndSaysSo() throws Exception {
        JsonNode cm = configMap(APP, "web", "cfg", "k", "v");
        TargetException unavailable = TargetException.transientFailure("server-side apply refused: HTTP 503", null);
        target.failNextApplies(ref(cm), unavailable, unavailable, unavailable, unavailable, unavailable);

        SyncReport report = run(cm);

        assertThat(target.calls).hasSize(4);
        assertThat(retryTime.pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800));
        assertThat(report.results()).singleElement().extracting(ObjectResult::message)
                .isEqualTo("server-side apply refused: HTTP 503 (gave up after 4 attempts)");
    }

    @Test
    void aPermanentFailureIsReportedOnceWithoutRetrying() throws Exception {
        JsonNode cm = configMap(APP, "web", "cfg", "k", "v");
        target.failNextApplies(ref(cm), new TargetException("server-side apply refused: HTTP 422: data: invalid"));

        SyncReport report = run(cm);

        assertThat(target.calls).hasSize(1);
        assertThat(retryTime.pauses).isEmpty();
        assertThat(report.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ResultCode.SYNC_FAILED);
            assertThat(r.message()).isEqualTo("server-side apply refused: HTTP 422: data: invalid");
        });
    }

    @Test
    void anUnknownClusterFailsEveryObjectOfThatApplicationWithoutTouchingAnyCluster() throws Exception {
        SyncStateMachine clusters = new SyncStateMachine(name -> {
            if (!Target.IN_CLUSTER.equals(name)) {
                throw new TargetException("unknown cluster '" + name + "' (configured: in-cluster)");
            }
            return target;
        }, new HealthWaiter(time, time, Duration.ofMillis(100), Duration.ofSeconds(2)), null, Retry.none());

        SyncReport report = clusters.run(new SyncRequest(APP, "mars", "web", POLICY, Duration.ofMinutes(1), List.of(),
                List.of(create(configMap(APP, "web", "cfg", "k", "v"))), Set.of()));

        assertThat(target.calls).isEmpty();
        assertThat(report.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(report.error()).isEqualTo("unknown cluster 'mars' (configured: in-cluster)");
        assertThat(report.results()).singleElement().extracting(ObjectResult::code)
                .isEqualTo(ResultCode.SYNC_FAILED);
    }
}
