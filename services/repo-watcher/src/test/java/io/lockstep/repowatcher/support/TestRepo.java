package io.lockstep.repowatcher.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Signer;

/**
 * The work clone of a config repo that {@link WatcherSourcesResource} created with
 * {@code io.lockstep.testsupport.git.GitRepoFixture}: a test writes, commits and pushes to {@code main} through it.
 */
public final class TestRepo implements AutoCloseable {
    public static final String AUTHOR = "Ada Lovelace";
    public static final String EMAIL = "ada@example.com";

    private final Path work;
    private final Git git;

    private TestRepo(Path work, Git git) {
        this.work = work;
        this.git = git;
    }

    /** Opens the repo of one source of the test application. */
    public static TestRepo of(String sourceId) {
        Path dir = WatcherSourcesResource.repoDir(sourceId);
        try {
            return new TestRepo(dir.resolve("work"), Git.open(dir.resolve("work").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestRepo write(String path, String content) {
        Path file = work.resolve(path);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A symbolic link at {@code path} pointing at {@code target} (which may lie outside the repository). */
    public TestRepo symlink(String path, String target) {
        Path link = work.resolve(path);
        try {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public TestRepo delete(String path) {
        try {
            Files.deleteIfExists(work.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Commits everything and pushes; returns the SHA. */
    public String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent author = new PersonIdent(AUTHOR, EMAIL);
            String sha = git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false)
                    .setAllowEmpty(true).call().getName();
            git.push().setRemote("origin").add("main").call();
            return sha;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit: " + e.getMessage(), e);
        }
    }

    /**
     * Commits everything, signed by {@code signer} through JGit's signing API ({@code gpg.format} and
     * {@code user.signingKey} as given), and pushes; returns the SHA.
     */
    public String commitSigned(String message, Signer signer, GpgConfig.GpgFormat format, String signingKey) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent author = new PersonIdent(AUTHOR, EMAIL);
            Config config = new Config();
            config.setString("gpg", null, "format", format == GpgConfig.GpgFormat.SSH ? "ssh" : "openpgp");
            config.setString("user", null, "signingKey", signingKey);
            String sha = git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(true)
                    .setSigner(signer).setSigningKey(signingKey).setGpgConfig(new GpgConfig(config))
                    .setAllowEmpty(true).call().getName();
            git.push().setRemote("origin").add("main").call();
            return sha;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit: " + e.getMessage(), e);
        }
    }

    /** Tags HEAD (annotated or lightweight) and pushes the tag; a tag of the same name is moved. */
    public TestRepo tag(String name, boolean annotated) {
        try {
            git.tag().setName(name).setAnnotated(annotated).setSigned(false).setForceUpdate(true)
                    .setMessage(annotated ? "Release " + name : null)
                    .setTagger(annotated ? new PersonIdent(AUTHOR, EMAIL) : null).call();
            git.push().setRemote("origin").add("refs/tags/" + name).setForce(true).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot tag: " + e.getMessage(), e);
        }
    }

    /** Moves the work clone's branch back to {@code ref} (e.g. {@code HEAD~1}), dropping later commits locally. */
    public TestRepo resetHard(String ref) {
        try {
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(ref).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot reset: " + e.getMessage(), e);
        }
    }

    /** Commits everything and force-pushes (history rewritten on the remote); returns the SHA. */
    public String commitAndForcePush(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent author = new PersonIdent(AUTHOR, EMAIL);
            String sha = git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false)
                    .setAllowEmpty(true).call().getName();
            git.push().setRemote("origin").add("main").setForce(true).call();
            return sha;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot force-push: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
