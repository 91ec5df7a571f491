package io.lockstep.testsupport.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real Git config repo for tests: a bare repository (what Lockstep fetches, over {@code file://}) and a work clone
 * where the test writes files and commits as a named author, then pushes to {@code main}.
 */
public final class GitRepoFixture implements AutoCloseable {
    private final Path bare;
    private final Path work;
    private final Git git;

    private GitRepoFixture(Path bare, Path work, Git git) {
        this.bare = bare;
        this.work = work;
        this.git = git;
    }

    /** Creates {@code dir/origin.git} (bare) and {@code dir/work} (a clone on branch main). */
    public static GitRepoFixture create(Path dir) {
        try {
            Path bare = dir.resolve("origin.git");
            Path work = dir.resolve("work");
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call();
            git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toURL()))
                    .call();
            return new GitRepoFixture(bare, work, git);
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot create test repo in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The {@code file://} URL of the bare repository. */
    public String url() {
        return bare.toUri().toString();
    }

    public Path bareDir() {
        return bare;
    }

    public Path workDir() {
        return work;
    }

    public Git git() {
        return git;
    }

    public GitRepoFixture write(String relPath, String content) {
        Path file = work.resolve(relPath);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public GitRepoFixture delete(String relPath) {
        try {
            Files.deleteIfExists(work.resolve(relPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Commits every change in the work tree (additions, edits, deletions) and pushes it; returns the SHA. */
    public String commit(String message, String authorName, String authorEmail) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent author = new PersonIdent(authorName, authorEmail);
            RevCommit commit = git.commit().setMessage(message).setAuthor(author).setCommitter(author)
                    .setSign(false).setAllowEmpty(true).call();
            git.push().setRemote("origin").add("main").call();
            return commit.getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit to the test repo: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
