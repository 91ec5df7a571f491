package io.lockstep.applier.git;

import io.lockstep.applier.config.ApplierConfig;
import io.lockstep.applier.rollback.ConfigRepo;
import io.lockstep.applier.rollback.Revert;
import io.lockstep.applier.rollback.RevertRequest;
import io.lockstep.applier.rollback.RollbackException;
import io.lockstep.applier.rollback.RevertSupersededException;
import io.lockstep.applier.redaction.Urls;
import io.lockstep.contracts.model.CommitInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Writes revert commits with JGit: a clone per source in the work directory (fetched and reset to the remote
 * branch before each rollback), the application's folder restored as it was at the target revision, one commit by
 * the configured author, pushed to the branch. Only the application's folder changes: reverting whole commits
 * would also roll back the other applications of a shared repository. A push that loses a race with another
 * commit is redone once on top of it.
 */
@ApplicationScoped
public class GitConfigRepo implements ConfigRepo {
    private static final String DEFAULT_TOKEN_USER = "x-access-token";

    private final ApplierConfig config;
    private final ConcurrentMap<String, Object> sourceLocks = new ConcurrentHashMap<>();

    public GitConfigRepo(ApplierConfig config) {
        this.config = config;
    }

    @Override
    public Revert revert(RevertRequest request) throws RollbackException {
        ApplierConfig.Source source = config.sources().get(request.source());
        String url = source == null ? null : source.url().orElse(null);
        if (url == null) {
            throw new RollbackException("no write credentials configured for source " + request.source()
                    + " (set lockstep.applier.sources." + request.source() + ".url and a token or username and "
                    + "password)");
        }
        CredentialsProvider credentials = credentials(request.source(), source, url);
        synchronized (sourceLocks.computeIfAbsent(request.source(), k -> new Object())) {
            try {
                return attempt(request, source, url, credentials, true);
            } catch (GitAPIException | IOException | RuntimeException e) {
                throw new RollbackException("cannot write the revert commit to " + Urls.redact(url) + ": "
                        + Urls.redactText(String.valueOf(e.getMessage())), e);
            }
        }
    }

    private Revert attempt(RevertRequest request, ApplierConfig.Source source, String url,
            CredentialsProvider credentials, boolean mayRetry) throws GitAPIException, IOException, RollbackException {
        try (Git git = checkout(request.source(), source, url, credentials)) {
            Repository repo = git.getRepository();
            String path = normalise(request.path());
            if (path.isEmpty() || path.equals(".") || path.contains("..")) {
                // Restoring the repository root would rewrite every application (and lockstep.yaml) at once.
                throw new RollbackException("cannot roll back " + request.appName() + ": its path '"
                        + request.path() + "' is not a folder inside the repository");
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit head = walk.parseCommit(repo.resolve("HEAD"));
                RevCommit target = target(walk, repo, request, url);
                if (!walk.isMergedInto(walk.parseCommit(target), walk.parseCommit(head))) {
                    throw new RollbackException("revision " + target.abbreviate(7).name() + " is not on branch "
                            + source.branch() + " of " + Urls.redact(url));
                }
                if (request.onlyIfUnchangedSince()) {
                    ObjectId current = resolve(repo, request.currentRevision());
                    if (current != null) {
                        for (RevCommit c : git.log().addRange(current, head).addPath(path).call()) {
                            throw new RevertSupersededException("not reverted: " + path + " changed after "
                                    + request.currentRevision().substring(0, Math.min(7,
                                            request.currentRevision().length())) + " (" + c.abbreviate(7).name()
                                    + " " + c.getShortMessage() + "); that newer revision is applied instead");
                        }
                    }
                }
                restore(repo, target, path);
                git.add().addFilepattern(path).call();
                git.add().setUpdate(true).addFilepattern(path).call();
                if (git.status().addPath(path).call().isClean()) {
                    return new Revert(info(url, head), target.name(), false);
                }
                List<String> undone = new ArrayList<>();
                for (RevCommit c : git.log().addRange(target, head).addPath(path).call()) {
                    undone.add("- " + c.abbreviate(7).name() + " " + c.getShortMessage());
                }
                PersonIdent lockstep = new PersonIdent(config.git().authorName(), config.git().authorEmail());
                RevCommit commit = git.commit().setMessage(message(request, target, path, undone))
                        .setAuthor(lockstep).setCommitter(lockstep).setSign(false).call();
                String ref = "refs/heads/" + source.branch();
                Iterable<PushResult> pushed = git.push().setRemote("origin").setCredentialsProvider(credentials)
                        .setRefSpecs(new RefSpec("HEAD:" + ref)).call();
                for (PushResult result : pushed) {
                    RemoteRefUpdate update = result.getRemoteUpdate(ref);
                    if (update == null || update.getStatus() == RemoteRefUpdate.Status.OK
                            || update.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE) {
                        continue;
                    }
                    if (update.getStatus() == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD && mayRetry) {
                        // Someone pushed meanwhile: start again from the new head.
                        return attempt(request, source, url, credentials, false);
                    }
                    throw new RollbackException("push of the revert commit to " + Urls.redact(url) + " refused: "
                            + update.getStatus() + (update.getMessage() == null ? ""
                            : " (" + Urls.redactText(update.getMessage()) + ")"));
                }
                return new Revert(info(url, commit), target.name(), true);
            }
        }
    }

    /** The revision to return to: the one asked for, else the parent of the revision last applied. */
    private static RevCommit target(RevWalk walk, Repository repo, RevertRequest request, String url)
            throws IOException, RollbackException {
        if (request.toRevision() != null) {
            ObjectId id = resolve(repo, request.toRevision());
            if (id == null) {
                throw new RollbackException("revision " + request.toRevision() + " not found in "
                        + Urls.redact(url));
            }
            return walk.parseCommit(id);
        }
        ObjectId current = resolve(repo, request.currentRevision());
        if (current == null) {
            throw new RollbackException("the applied revision " + request.currentRevision() + " is not in "
                    + Urls.redact(url));
        }
        RevCommit commit = walk.parseCommit(current);
        if (commit.getParentCount() == 0) {
            throw new RollbackException("revision " + commit.abbreviate(7).name()
                    + " is the first commit of the repository: there is nothing before it to roll back to");
        }
        return walk.parseCommit(commit.getParent(0));
    }

    private static ObjectId resolve(Repository repo, String revision) throws IOException {
        try {
            return repo.resolve(revision + "^{commit}");
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.MissingObjectException
                | org.eclipse.jgit.errors.IncorrectObjectTypeException
                | org.eclipse.jgit.errors.AmbiguousObjectException e) {
            // Not a commit of this repository: the caller names the revision in a clear error.
            return null;
        }
    }

    /** Replaces the folder in the work tree with its content at {@code target} (absent there: removed). */
    private static void restore(Repository repo, RevCommit target, String path) throws IOException {
        Path work = repo.getWorkTree().toPath();
        Path folder = work.resolve(path);
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (TreeWalk tree = new TreeWalk(repo)) {
            tree.addTree(target.getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilter.create(path));
            while (tree.next()) {
                Path file = work.resolve(tree.getPathString());
                Files.createDirectories(file.getParent());
                Files.write(file, repo.open(tree.getObjectId(0)).getBytes());
            }
        }
    }

    private Git checkout(String sourceId, ApplierConfig.Source source, String url, CredentialsProvider credentials)
            throws GitAPIException, IOException {
        Path dir = config.git().workdir().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "lockstep-applier", "repos")).resolve(sourceId.replaceAll("[^A-Za-z0-9._-]", "_"));
        if (Files.isDirectory(dir.resolve(".git"))) {
            Git git = Git.open(dir.toFile());
            try {
                git.fetch().setRemote("origin").setCredentialsProvider(credentials).call();
                git.checkout().setName(source.branch()).call();
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef("refs/remotes/origin/" + source.branch()).call();
                git.clean().setCleanDirectories(true).setForce(true).call();
                return git;
            } catch (GitAPIException | RuntimeException e) {
                // A clone left broken (e.g. by a crash mid-write) is thrown away and made again.
                git.close();
                deleteTree(dir);
            }
        }
        Files.createDirectories(dir.getParent());
        return Git.cloneRepository().setURI(url).setDirectory(dir.toFile()).setBranch(source.branch())
                .setCredentialsProvider(credentials).call();
    }

    private String message(RevertRequest request, RevCommit target, String path, List<String> undone) {
        String who = request.requestedBy() == null || request.requestedBy().isBlank() ? "an unnamed user"
                : request.requestedBy();
        String why = request.reason() == null || request.reason().isBlank() ? "." : ": " + request.reason().strip();
        StringBuilder m = new StringBuilder()
                .append("Revert ").append(request.appName()).append(" to ").append(target.abbreviate(7).name())
                .append("\n\nRequested by ").append(who).append(why)
                .append("\n\nRestores ").append(path).append(" as it was at ").append(target.name());
        if (!undone.isEmpty()) {
            m.append(", undoing:\n").append(String.join("\n", undone));
        }
        return m.append('\n').toString();
    }

    private static CommitInfo info(String url, RevCommit commit) {
        PersonIdent author = commit.getAuthorIdent();
        return new CommitInfo(Urls.redact(url), commit.name(), author.getName(), author.getEmailAddress(),
                commit.getFullMessage(), Instant.ofEpochSecond(commit.getCommitTime()));
    }

    /**
     * Credentials for a push: a token, or a username and password, from config or files; repositories on the local
     * file system need none. Anything else without credentials is refused before any network call.
     */
    static CredentialsProvider credentials(String sourceId, ApplierConfig.Source source, String url)
            throws RollbackException {
        Optional<String> token = source.token().or(() -> read(source.tokenFile()));
        if (token.isPresent()) {
            return new UsernamePasswordCredentialsProvider(source.username().orElse(DEFAULT_TOKEN_USER), token.get());
        }
        Optional<String> password = source.password().or(() -> read(source.passwordFile()));
        if (password.isPresent() && source.username().isPresent()) {
            return new UsernamePasswordCredentialsProvider(source.username().get(), password.get());
        }
        if (isLocal(url) || hasPasswordInUrl(url)) {
            return null;
        }
        throw new RollbackException("no write credentials configured for source " + sourceId + " ("
                + Urls.redact(url) + "): set lockstep.applier.sources." + sourceId + ".token or .username and "
                + ".password (or their -file variants)");
    }

    private static Optional<String> read(Optional<String> file) {
        return file.map(f -> {
            try {
                return Files.readString(Path.of(f), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return null;
            }
        }).filter(s -> !s.isEmpty());
    }

    private static boolean isLocal(String url) {
        return url.startsWith("file:") || url.startsWith("/");
    }

    private static boolean hasPasswordInUrl(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        return scheme >= 0 && at > scheme && (slash < 0 || at < slash)
                && url.substring(scheme + 3, at).contains(":");
    }

    private static String normalise(String path) {
        String p = path == null ? "" : path.strip().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
