package io.lockstep.applier.kube;

import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.deployment;
import static io.lockstep.applier.fixtures.Manifests.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.lockstep.applier.health.HealthWaiter;
import io.lockstep.applier.health.Pacer;
import io.lockstep.applier.sync.Retry;
import io.lockstep.applier.sync.SyncOptionLimits;
import io.lockstep.applier.sync.SyncReport;
import io.lockstep.applier.sync.SyncRequest;
import io.lockstep.applier.sync.SyncStateMachine;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import io.lockstep.testsupport.kube.WorkloadSimulator;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sync.replace}: an object whose immutable fields changed is deleted and re-created only when the application
 * asks (and the operator allows it); otherwise the change is reported as an immutable-field change. Runs the sync
 * against the API server emulator, taught that a Deployment's selector is immutable.
 */
class ReplaceOnImmutableChangeIT {
    private static final String APP = "demo/web";
    private static final String NS = "web";

    private KubernetesMockServer server;
    private KubernetesClient client;
    private WorkloadSimulator workloads;

    @BeforeEach
    void startEmulator() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ImmutableSelectorDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient(b -> b.withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + server.getPort() + "/").withTrustCerts(true)
                .withNamespace("default").withOauthToken("sandbox").withHttp2Disable(true).build()));
        workloads = new WorkloadSimulator(client).start();
    }

    @AfterEach
    void stopEmulator() {
        workloads.close();
        client.close();
        server.destroy();
    }

    private SyncReport sync(boolean replace, SyncOptionLimits limits, PlannedChange change) throws Exception {
        SyncStateMachine machine = new SyncStateMachine(cluster -> new KubeSyncTarget(client, "lockstep"),
                new HealthWaiter(Clock.systemUTC(), Pacer.sleeping(), Duration.ofMillis(50), Duration.ofMillis(500)),
                null, Retry.none(), limits);
        SyncPolicy policy = new SyncPolicy(true, true, false, false, false, replace, false);
        return machine.run(new SyncRequest(APP, Target.IN_CLUSTER, NS, policy, Duration.ofSeconds(20), List.of(),
                List.of(change), Set.of()));
    }

    /** The web Deployment, selecting pods by {@code tier} instead of {@code app}: a selector change. */
    private static ObjectNode reselected() {
        ObjectNode d = deployment(APP, NS, "web", "nginx:1");
        ((ObjectNode) d.path("spec").path("selector").path("matchLabels")).removeAll().put("tier", "front");
        ((ObjectNode) d.path("spec").path("template").path("metadata").path("labels")).put("tier", "front");
        return d;
    }

    private Deployment live() {
        return client.apps().deployments().inNamespace(NS).withName("web").get();
    }

    @Test
    void aChangedSelectorIsReportedAsAnImmutableFieldChangeWhenTheApplicationDoesNotAskForReplace() throws Exception {
        assertThat(sync(false, SyncOptionLimits.ALLOW_ALL, create(deployment(APP, NS, "web", "nginx:1"))).outcome())
                .isEqualTo(SyncOutcome.SUCCEEDED);
        String uid = live().getMetadata().getUid();

        SyncReport report = sync(false, SyncOptionLimits.ALLOW_ALL, update(reselected()));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ResultCode.SYNC_FAILED);
            assertThat(r.message()).startsWith("server-side apply refused: immutable field spec.selector changed; "
                    + "the object must be deleted and re-created to change it (HTTP 422:")
                    .endsWith("; set sync.replace: true to let Lockstep delete and re-create it");
        });
        assertThat(live().getMetadata().getUid()).isEqualTo(uid);
        assertThat(live().getSpec().getSelector().getMatchLabels()).containsEntry("app", "web");
    }

    @Test
    void anApplicationThatAsksForReplaceGetsTheObjectDeletedAndRecreated() throws Exception {
        sync(true, SyncOptionLimits.ALLOW_ALL, create(deployment(APP, NS, "web", "nginx:1")));
        String uid = live().getMetadata().getUid();

        SyncReport report = sync(true, SyncOptionLimits.ALLOW_ALL, update(reselected()));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ResultCode.SYNCED);
            assertThat(r.message()).isEqualTo("replaced (immutable field spec.selector changed: deleted and "
                    + "re-created)");
        });
        assertThat(report.applied()).extracting(ref -> ref.name()).containsExactly("web");
        assertThat(live().getMetadata().getUid()).isNotEqualTo(uid);
        assertThat(live().getSpec().getSelector().getMatchLabels()).containsOnlyKeys("tier");
    }

    @Test
    void anOperatorWhoForbidsReplaceKeepsTheObjectAndTheResultSaysWhy() throws Exception {
        sync(true, SyncOptionLimits.ALLOW_ALL, create(deployment(APP, NS, "web", "nginx:1")));
        String uid = live().getMetadata().getUid();

        SyncReport report = sync(true, new SyncOptionLimits(true, false, true), update(reselected()));

        assertThat(report.results()).singleElement().satisfies(r -> assertThat(r.message())
                .endsWith("; replacing is not allowed here (lockstep.applier.allow-replace=false)"));
        assertThat(live().getMetadata().getUid()).isEqualTo(uid);
    }
}
