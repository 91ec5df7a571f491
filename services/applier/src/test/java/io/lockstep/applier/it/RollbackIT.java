package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static io.lockstep.applier.fixtures.Manifests.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.RollbackRequested;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.testsupport.git.GitRepoFixture;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class RollbackIT extends ApplierIT {
    @TestHTTPResource("/q/metrics")
    URI metrics;

    GitRepoFixture repo;

    @BeforeEach
    void catchUpWithTheConfigRepo() throws Exception {
        repo = fixtures.configRepo();
        // Earlier tests' revert commits were pushed by the applier: bring the test's work clone up to date.
        repo.git().pull().setRemote("origin").setRemoteBranchName("main").call();
    }

    RevCommit head() throws Exception {
        try (Git bare = Git.open(repo.bareDir().toFile()); RevWalk walk = new RevWalk(bare.getRepository())) {
            return walk.parseCommit(bare.getRepository().resolve("refs/heads/main"));
        }
    }

    String fileAtHead(String path) throws Exception {
        try (Git bare = Git.open(repo.bareDir().toFile()); RevWalk walk = new RevWalk(bare.getRepository())) {
            Repository r = bare.getRepository();
            RevCommit head = walk.parseCommit(r.resolve("refs/heads/main"));
            try (TreeWalk tree = TreeWalk.forPath(r, path, head.getTree())) {
                return tree == null ? null : new String(r.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    RollbackRequested rollback(String toRevision, String by, String reason) {
        return new RollbackRequested(EventIds.of(EventType.ROLLBACK_REQUESTED, appId, by, Instant.now().toString()),
                appId, toRevision, by, reason, Instant.now());
    }

    @Test
    void aRollbackCommandPushesARevertCommitOfTheApplicationsFolderAndAnnouncesIt() throws Exception {
        String folder = "apps/" + appName();
        String good = repo.write(folder + "/configmap.yaml", "version: 1\n").commit("web v1", "Ada", "ada@example.com");
        String bad = repo.write(folder + "/configmap.yaml", "version: 2\n").write(folder + "/extra.yaml", "x: 1\n")
                .commit("web v2", "Bob", "bob@example.com");
        Instant t = Instant.now();
        syncAndAwait(drift(good, t, create(namespace(appId, ns)), create(configMap(appId, ns, "cfg", "version", "1"))));
        syncAndAwait(drift(bad, t.plusSeconds(1), update(configMap(appId, ns, "cfg", "version", "2"))));

        RollbackRequested command = rollback(null, "alice", "error rate up");
        producer.send(command);
        SyncCompleted result = awaitResult(command.id());

        RevCommit revert = head();
        assertThat(result.trigger()).isEqualTo("rollback");
        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(result.error()).isNull();
        assertThat(result.commit().revision()).isEqualTo(revert.getName());
        assertThat(result.commit().author()).isEqualTo("Lockstep");
        assertThat(result.commit().repoUrl()).isEqualTo(repo.url());
        assertThat(revert.getParent(0).getName()).isEqualTo(bad);
        assertThat(revert.getAuthorIdent().getName()).isEqualTo("Lockstep");
        assertThat(revert.getAuthorIdent().getEmailAddress()).isEqualTo("lockstep@localhost");
        assertThat(revert.getFullMessage()).startsWith("Revert " + appName() + " to " + good.substring(0, 7)
                + "\n\nRequested by alice: error rate up");
        assertThat(fileAtHead(folder + "/configmap.yaml")).isEqualTo("version: 1\n");
        assertThat(fileAtHead(folder + "/extra.yaml")).isNull();
        assertThat(historyRow(command.id())).containsEntry("trigger_reason", "rollback")
                .containsEntry("status", "completed").containsEntry("outcome", "succeeded");
        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(scrape).contains("lockstep_applier_rollbacks_total{outcome=\"succeeded\"}");
    }

    @Test
    void aRollbackToANamedRevisionRestoresItsState() throws Exception {
        String folder = "apps/" + appName();
        String v1 = repo.write(folder + "/configmap.yaml", "version: 1\n").commit("v1", "Ada", "ada@example.com");
        repo.write(folder + "/configmap.yaml", "version: 2\n").commit("v2", "Ada", "ada@example.com");
        String v3 = repo.write(folder + "/configmap.yaml", "version: 3\n").commit("v3", "Ada", "ada@example.com");
        syncAndAwait(drift(v3, Instant.now(), create(namespace(appId, ns)),
                create(configMap(appId, ns, "cfg", "version", "3"))));

        RollbackRequested command = rollback(v1.substring(0, 12), "carol", "bad migration");
        producer.send(command);
        SyncCompleted result = awaitResult(command.id());

        assertThat(result.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
        assertThat(fileAtHead(folder + "/configmap.yaml")).isEqualTo("version: 1\n");
        assertThat(head().getFullMessage()).startsWith("Revert " + appName() + " to " + v1.substring(0, 7)
                + "\n\nRequested by carol: bad migration");
    }

    @Test
    void aRollbackWithoutWriteCredentialsForTheSourceFailsClearlyAndWritesNothing() throws Exception {
        appId = "remote/" + appName();
        String before = head().getName();
        syncAndAwait(drift("7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c", Instant.now(), create(namespace(appId, ns)),
                create(configMap(appId, ns, "cfg", "version", "1"))));

        RollbackRequested command = rollback(null, "alice", "error rate up");
        producer.send(command);
        SyncCompleted result = awaitResult(command.id());

        assertThat(result.trigger()).isEqualTo("rollback");
        assertThat(result.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(result.error()).startsWith("no write credentials configured for source remote "
                + "(https://git.example.invalid/acme/config.git)").doesNotContain("bob");
        assertThat(head().getName()).isEqualTo(before);
    }
}
