package io.lockstep.applier.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockstep.applier.rollback.Revert;
import io.lockstep.applier.rollback.RevertRequest;
import io.lockstep.applier.rollback.RollbackException;
import io.lockstep.testsupport.git.GitRepoFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevertCommitTest {
    @TempDir
    Path dir;

    GitRepoFixture repo;
    GitConfigRepo git;

    @BeforeEach
    void createRepo() {
        repo = GitRepoFixture.create(dir.resolve("config"));
        git = new GitConfigRepo(TestConfig.of(Map.of(
                "sources.demo.url", repo.url(),
                "git.workdir", dir.resolve("clones").toString())));
    }

    @AfterEach
    void closeRepo() {
        repo.close();
    }

    /** The content of a file at the head of the bare repository's main branch, or null when absent. */
    private String fileAtHead(String path) throws Exception {
        try (Repository bare = Git.open(repo.bareDir().toFile()).getRepository(); RevWalk walk = new RevWalk(bare)) {
            RevCommit head = walk.parseCommit(bare.resolve("refs/heads/main"));
            try (TreeWalk tree = TreeWalk.forPath(bare, path, head.getTree())) {
                return tree == null ? null
                        : new String(bare.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private RevCommit headOfBare() throws Exception {
        try (Repository bare = Git.open(repo.bareDir().toFile()).getRepository(); RevWalk walk = new RevWalk(bare)) {
            ObjectId id = bare.resolve("refs/heads/main");
            return walk.parseCommit(id);
        }
    }

    @Test
    void revertsTheLastAppliedRevisionOfTheApplicationsFolderOnlyAndPushesIt() throws Exception {
        String good = repo.write("apps/web/deployment.yaml", "image: web:1\n").write("apps/api/cm.yaml", "v: 1\n")
                .commit("web 1", "Ada", "ada@example.com");
        String bad = repo.write("apps/web/deployment.yaml", "image: web:2\n").write("apps/web/extra.yaml", "x: 1\n")
                .write("apps/api/cm.yaml", "v: 2\n").commit("web 2 and api 2", "Bob", "bob@example.com");

        Revert revert = git.revert(new RevertRequest("demo", "web", "apps/web", bad, null, "alice",
                "error rate up"));

        assertThat(revert.changed()).isTrue();
        assertThat(revert.targetRevision()).isEqualTo(good);
        RevCommit head = headOfBare();
        assertThat(head.getName()).isEqualTo(revert.commit().revision());
        assertThat(head.getParent(0).getName()).isEqualTo(bad);
        assertThat(head.getAuthorIdent().getName()).isEqualTo("Lockstep");
        assertThat(head.getAuthorIdent().getEmailAddress()).isEqualTo("lockstep@localhost");
        assertThat(head.getFullMessage()).startsWith("Revert web to " + good.substring(0, 7)
                + "\n\nRequested by alice: error rate up\n\nRestores apps/web as it was at " + good)
                .contains("- " + bad.substring(0, 7) + " web 2 and api 2");
        assertThat(fileAtHead("apps/web/deployment.yaml")).isEqualTo("image: web:1\n");
        assertThat(fileAtHead("apps/web/extra.yaml")).isNull();
        assertThat(fileAtHead("apps/api/cm.yaml")).as("other applications keep their state").isEqualTo("v: 2\n");
        assertThat(revert.commit().repoUrl()).isEqualTo(repo.url());
    }

    @Test
    void revertsToTheRevisionAskedForAcrossSeveralCommits() throws Exception {
        String v1 = repo.write("apps/web/cm.yaml", "v: 1\n").commit("v1", "Ada", "ada@example.com");
        repo.write("apps/web/cm.yaml", "v: 2\n").commit("v2", "Ada", "ada@example.com");
        String v3 = repo.write("apps/web/cm.yaml", "v: 3\n").commit("v3", "Ada", "ada@example.com");

        Revert revert = git.revert(new RevertRequest("demo", "web", "apps/web", v3, v1.substring(0, 10), "carol",
                null));

        assertThat(fileAtHead("apps/web/cm.yaml")).isEqualTo("v: 1\n");
        assertThat(headOfBare().getFullMessage()).startsWith("Revert web to " + v1.substring(0, 7)
                + "\n\nRequested by carol.");
        assertThat(revert.targetRevision()).isEqualTo(v1);
    }

    @Test
    void anAutomaticRevertWritesNothingWhenTheFolderChangedAfterTheBadRevision() throws Exception {
        repo.write("apps/web/cm.yaml", "v: 1\n").commit("v1", "Ada", "ada@example.com");
        String bad = repo.write("apps/web/cm.yaml", "v: 2\n").commit("v2", "Ada", "ada@example.com");
        String fix = repo.write("apps/web/cm.yaml", "v: 3\n").commit("fix v2", "Ada", "ada@example.com");

        assertThatThrownBy(() -> git.revert(new RevertRequest("demo", "web", "apps/web", bad, null,
                "Lockstep (automatic)", "health degraded", true)))
                .isInstanceOf(io.lockstep.applier.rollback.RevertSupersededException.class)
                .hasMessage("not reverted: apps/web changed after " + bad.substring(0, 7) + " (" + fix.substring(0, 7)
                        + " fix v2); that newer revision is applied instead");
        assertThat(headOfBare().getName()).isEqualTo(fix);
    }

    @Test
    void aSecondRevertToTheSameRevisionWritesNoCommit() throws Exception {
        String v1 = repo.write("apps/web/cm.yaml", "v: 1\n").commit("v1", "Ada", "ada@example.com");
        String v2 = repo.write("apps/web/cm.yaml", "v: 2\n").commit("v2", "Ada", "ada@example.com");
        Revert first = git.revert(new RevertRequest("demo", "web", "apps/web", v2, v1, "alice", "bad"));

        Revert again = git.revert(new RevertRequest("demo", "web", "apps/web", v2, v1, "alice", "bad"));

        assertThat(again.changed()).isFalse();
        assertThat(again.commit().revision()).isEqualTo(first.commit().revision());
        assertThat(headOfBare().getName()).isEqualTo(first.commit().revision());
    }

    @Test
    void aRevisionThatIsNotInTheRepositoryIsAClearFailure() throws Exception {
        String v1 = repo.write("apps/web/cm.yaml", "v: 1\n").commit("v1", "Ada", "ada@example.com");

        assertThatThrownBy(() -> git.revert(new RevertRequest("demo", "web", "apps/web", v1,
                "0123456789abcdef0123456789abcdef01234567", "alice", null)))
                .isInstanceOf(RollbackException.class)
                .hasMessage("revision 0123456789abcdef0123456789abcdef01234567 not found in " + repo.url());
    }

    @Test
    void aSourceWithoutWriteAccessIsRefusedWithoutCallingAnyRemote() {
        GitConfigRepo remote = new GitConfigRepo(TestConfig.of(Map.of(
                "sources.remote.url", "https://bob@git.example.invalid/acme/config.git",
                "git.workdir", dir.resolve("clones").toString())));

        assertThatThrownBy(() -> remote.revert(new RevertRequest("remote", "web", "apps/web", "abc", null, "alice",
                null))).isInstanceOf(RollbackException.class)
                .hasMessageStartingWith("no write credentials configured for source remote "
                        + "(https://git.example.invalid/acme/config.git)")
                .hasMessageNotContaining("bob");
        assertThatThrownBy(() -> remote.revert(new RevertRequest("nowhere", "web", "apps/web", "abc", null, "alice",
                null))).isInstanceOf(RollbackException.class)
                .hasMessageStartingWith("no write credentials configured for source nowhere");
    }
}
