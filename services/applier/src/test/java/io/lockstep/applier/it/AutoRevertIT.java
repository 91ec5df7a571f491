package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.deployment;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static io.lockstep.applier.fixtures.Manifests.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.applier.rollback.RollbackService;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.HealthSpec;
import io.lockstep.contracts.model.RollbackPolicy;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.Target;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.git.GitRepoFixture;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code rollback: {onFailedHealth: revert}}: a degraded new revision is reverted by one commit, once. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class AutoRevertIT extends ApplierIT {
    GitRepoFixture repo;

    @BeforeEach
    void catchUpWithTheConfigRepo() throws Exception {
        repo = fixtures.configRepo();
        repo.git().pull().setRemote("origin").setRemoteBranchName("main").call();
    }

    AppSpec app(boolean revertOnFailedHealth) {
        return new AppSpec(appName(), "apps/" + appName(), new Target(null, ns), automated(true, false),
                new HealthSpec(Duration.ofSeconds(1), List.of()), List.of(), null, null,
                new RollbackPolicy(revertOnFailedHealth ? RollbackPolicy.OnFailedHealth.REVERT
                        : RollbackPolicy.OnFailedHealth.NONE));
    }

    /** The commits on the config repository's branch that revert this test's application, newest first. */
    List<RevCommit> revertsOfThisApp() throws Exception {
        List<RevCommit> reverts = new ArrayList<>();
        try (Git bare = Git.open(repo.bareDir().toFile())) {
            for (RevCommit c : bare.log().add(bare.getRepository().resolve("refs/heads/main")).call()) {
                if (c.getShortMessage().startsWith("Revert " + appName() + " to ")) {
                    reverts.add(c);
                }
            }
        }
        return reverts;
    }

    /**
     * Sends a healthy plan for the application and waits for its result: the application's records are handled in
     * order, so once it is back, everything sent before it (and any revert it caused) is done.
     */
    void drainApplication(AppSpec app) {
        syncAndAwait(drift("feedfeedfeedfeedfeedfeedfeedfeedfeedfeed", Instant.now(), app,
                update(configMap(appId, ns, "marker", "k", "v"))));
    }

    @Test
    void aDegradedNewRevisionIsRevertedByExactlyOneCommitEvenWhenItsPlanIsReplayed() throws Exception {
        String folder = "apps/" + appName();
        String good = repo.write(folder + "/deploy.yaml", "image: nginx:1\n").commit("web v1", "Ada", "ada@example.com");
        String bad = repo.write(folder + "/deploy.yaml", "image: nginx:broken\n").commit("web v2", "Bob",
                "bob@example.com");
        workloads.holdUnhealthy(ns, "web");
        DriftDetected plan = drift(bad, Instant.now(), app(true), create(namespace(appId, ns)),
                create(deployment(appId, ns, "web", "nginx:broken")));

        SyncCompleted degraded = syncAndAwait(plan);
        SyncCompleted revert = awaitResult(RollbackService.autoRevertId(appId, bad));

        assertThat(degraded.health()).isEqualTo(Health.DEGRADED);
        assertThat(revert.trigger()).isEqualTo("rollback");
        assertThat(revert.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        List<RevCommit> reverts = revertsOfThisApp();
        assertThat(reverts).hasSize(1);
        RevCommit commit = reverts.get(0);
        assertThat(revert.commit().revision()).isEqualTo(commit.getName());
        assertThat(commit.getParent(0).getName()).isEqualTo(bad);
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("Lockstep");
        assertThat(commit.getFullMessage()).startsWith("Revert " + appName() + " to " + good.substring(0, 7)
                + "\n\nRequested by Lockstep (automatic): automatic, health degraded at revision "
                + bad.substring(0, 7) + ": not healthy within 1s: Deployment " + ns + "/web");

        // The same plan again (a redelivery), and the differ announcing the same revision once more.
        producer.send(plan);
        syncAndAwait(drift(bad, Instant.now(), app(true), update(deployment(appId, ns, "web", "nginx:broken"))));
        // Lockstep's own revert, degraded too (the deployment is still held): people decide, no ping-pong.
        syncAndAwait(drift(commit.getName(), Instant.now(), app(true),
                update(deployment(appId, ns, "web", "nginx:1"))));
        drainApplication(app(true));

        assertThat(revertsOfThisApp()).hasSize(1);
        assertThat(historyRow(RollbackService.autoRevertId(appId, commit.getName()))).isNull();
    }

    @Test
    void aDegradedRevisionOfAnApplicationThatDidNotAskIsLeftAlone() throws Exception {
        String bad = repo.write("apps/" + appName() + "/deploy.yaml", "image: nginx:broken\n").commit("web v2",
                "Bob", "bob@example.com");
        workloads.holdUnhealthy(ns, "web");

        SyncCompleted degraded = syncAndAwait(drift(bad, Instant.now(), app(false), create(namespace(appId, ns)),
                create(deployment(appId, ns, "web", "nginx:broken"))));
        drainApplication(app(false));

        assertThat(degraded.health()).isEqualTo(Health.DEGRADED);
        assertThat(revertsOfThisApp()).isEmpty();
        assertThat(historyRow(RollbackService.autoRevertId(appId, bad))).isNull();
    }

    @Test
    void anAutomaticRevertWithoutWriteCredentialsFailsClearlyInTheHistoryAndTheResult() throws Exception {
        appId = "remote/" + appName();
        String bad = "9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d9d";
        workloads.holdUnhealthy(ns, "web");

        syncAndAwait(drift(bad, Instant.now(), app(true), create(namespace(appId, ns)),
                create(deployment(appId, ns, "web", "nginx:broken"))));
        SyncCompleted revert = awaitResult(RollbackService.autoRevertId(appId, bad));

        assertThat(revert.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(revert.error()).startsWith("no write credentials configured for source remote").doesNotContain("bob");
        assertThat(historyRow(revert.operationId())).containsEntry("trigger_reason", "rollback")
                .containsEntry("outcome", "failed");
    }
}
