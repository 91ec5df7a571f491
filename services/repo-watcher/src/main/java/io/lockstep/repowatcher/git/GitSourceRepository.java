package io.lockstep.repowatcher.git;

import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.SourceFile;
import io.lockstep.repowatcher.config.WatcherConfig;
import io.lockstep.repowatcher.manifest.RepoPaths;
import io.lockstep.repowatcher.poll.ContentRejectedException;
import io.lockstep.repowatcher.poll.SourceRepository;
import io.lockstep.repowatcher.poll.SourceUnavailableException;
import io.lockstep.repowatcher.tracking.TrackedRef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jboss.logging.Logger;

/**
 * One config repo over JGit: a bare local clone under the work directory, fetched only when {@code ls-remote} says
 * the tracked ref (a branch, a tag, or the newest tag in a version range) moved; a corrupt clone is cloned again. Not thread-safe; the scheduler never polls one source twice at once.
 */
public final class GitSourceRepository implements SourceRepository {
    private static final Logger LOG = Logger.getLogger(GitSourceRepository.class);
    private static final String ANNOUNCED_REF = "refs/lockstep/announced";
    private static final String TRACKED_REF = "refs/lockstep/tracked";
    private static final int TIMEOUT_SECONDS = 60;
    /** Every this many fetches the clone is packed; without it fetches slow down as packs pile up. */
    private static final int GC_EVERY = 50;

    private final String sourceId;
    private final String url;
    private final String displayUrl;
    private final TrackedRef tracked;
    private final Path dir;
    private final GitCredentials credentials;
    private final Redaction redaction;
    private Git git;
    private int fetchesSinceGc;
    /** The remote ref that {@link #remoteHead()} chose last (the branch, or the newest matching tag). */
    private String selectedRef;

    public GitSourceRepository(String sourceId, WatcherConfig.Source source, TrackedRef tracked, Path workdir) {
        this.sourceId = sourceId;
        // JGit gets the URL without user-info (credentials go through a provider instead), so no JGit message,
        // log line or clone config can ever carry them.
        this.url = Redaction.url(source.url());
        this.displayUrl = this.url;
        this.tracked = tracked;
        this.dir = workdir.resolve(sourceId + ".git");
        this.credentials = new GitCredentials(source.credentials(), Redaction.userInfo(source.url()));
        List<String> secrets = new ArrayList<>(credentials.secretValues());
        secrets.addAll(Redaction.userInfoSecrets(source.url()));
        this.redaction = new Redaction(secrets);
    }

    /** The repo URL as it may be shown: without credentials. */
    public String displayUrl() {
        return displayUrl;
    }

    @Override
    public String remoteHead() throws SourceUnavailableException {
        CredentialsProvider provider = credentials.provider();
        Map<String, Ref> refs;
        try {
            refs = Git.lsRemoteRepository().setRemote(url).setHeads(!tracked.needsTags())
                    .setTags(tracked.needsTags()).setCredentialsProvider(provider)
                    .setTimeout(TIMEOUT_SECONDS).callAsMap();
        } catch (GitAPIException | RuntimeException e) {
            throw unavailable("cannot list " + displayUrl, e);
        }
        Map<String, String> commits = new HashMap<>();
        refs.forEach((name, ref) -> {
            // An annotated tag points at a tag object; the source's state is the commit it peels to.
            ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
            if (id != null) {
                commits.put(name, id.name());
            }
        });
        Optional<String> chosen = tracked.select(commits);
        if (chosen.isEmpty()) {
            // Never read as "no applications": the branch may be mid-rename or the URL wrong.
            selectedRef = null;
            throw new SourceUnavailableException(SourceUnavailableException.REF_NOT_FOUND,
                    "no " + tracked.describe() + " in " + displayUrl, null);
        }
        selectedRef = chosen.get();
        return commits.get(selectedRef);
    }

    @Override
    public String fetch() throws SourceUnavailableException {
        if (selectedRef == null) {
            remoteHead();
        }
        Git local = open();
        if (!intact(local.getRepository())) {
            // Objects vanished under a ref (a damaged disk, an interrupted gc): the clone is only a cache.
            LOG.warnf("source %s: local clone %s is corrupt; cloning again", sourceId, dir);
            local = reclone();
        }
        try {
            return fetchInto(local);
        } catch (SourceUnavailableException e) {
            if (e.getCause() instanceof TransportException || intact(local.getRepository())) {
                throw e;
            }
            LOG.warnf("source %s: local clone %s broke during the fetch; cloning again", sourceId, dir);
            return fetchInto(reclone());
        }
    }

    private String fetchInto(Git local) throws SourceUnavailableException {
        try {
            local.fetch().setRemote(url).setCredentialsProvider(credentials.provider())
                    .setRefSpecs(new RefSpec("+" + selectedRef + ":" + TRACKED_REF)).setTagOpt(TagOpt.NO_TAGS)
                    .setCheckFetchedObjects(true).setTimeout(TIMEOUT_SECONDS).call();
            Ref ref = local.getRepository().exactRef(TRACKED_REF);
            if (ref == null) {
                throw new SourceUnavailableException(SourceUnavailableException.REF_NOT_FOUND,
                        "no " + tracked.describe() + " in " + displayUrl, null);
            }
            String commit;
            try (RevWalk walk = new RevWalk(local.getRepository())) {
                commit = walk.parseCommit(ref.getObjectId()).name();
            }
            maybeGc(local);
            return commit;
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw unavailable("cannot fetch " + tracked.describe() + " from " + displayUrl, e);
        }
    }

    /** Whether every local ref points at an object the clone has. */
    private static boolean intact(Repository repo) {
        try {
            for (Ref ref : repo.getRefDatabase().getRefs()) {
                if (ref.getObjectId() != null && !repo.getObjectDatabase().has(ref.getObjectId())) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Git reclone() throws SourceUnavailableException {
        close();
        try {
            deleteRecursively(dir);
        } catch (IOException e) {
            throw new SourceUnavailableException(SourceUnavailableException.FETCH_FAILED,
                    "cannot remove the corrupt local clone of " + sourceId + ": " + e.getMessage(), e);
        }
        return open();
    }

    @Override
    public CommitInfo commit(String revision) throws SourceUnavailableException {
        try (RevWalk walk = new RevWalk(open().getRepository())) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision));
            PersonIdent author = commit.getAuthorIdent();
            return new CommitInfo(displayUrl, commit.name(), author.getName(), author.getEmailAddress(),
                    commit.getFullMessage(), Instant.ofEpochSecond(commit.getCommitTime()));
        } catch (IOException e) {
            throw unavailable("cannot read commit " + revision + " of " + displayUrl, e);
        }
    }

    @Override
    public Optional<byte[]> readFile(String revision, String path, long maxBytes)
            throws ContentRejectedException, SourceUnavailableException {
        Repository repo = open().getRepository();
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision));
            try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
                if (tree == null) {
                    return Optional.empty();
                }
                FileMode mode = tree.getFileMode(0);
                if (!isRegularFile(mode)) {
                    throw new ContentRejectedException(path, "must be a regular file, not a "
                            + describe(mode));
                }
                return Optional.of(readBlob(repo, tree.getObjectId(0), path, maxBytes));
            }
        } catch (IOException e) {
            throw unavailable("cannot read " + path + " at " + revision, e);
        }
    }

    @Override
    public Optional<Set<String>> changedPaths(String fromRevision, String toRevision)
            throws SourceUnavailableException {
        Repository repo = open().getRepository();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            RevCommit from;
            try {
                from = walk.parseCommit(ObjectId.fromString(fromRevision));
            } catch (MissingObjectException e) {
                // A fresh clone after history was rewritten: the old commit is gone, the difference unknown.
                return Optional.empty();
            }
            RevCommit to = walk.parseCommit(ObjectId.fromString(toRevision));
            if (!walk.isMergedInto(from, to)) {
                // History was rewritten (force-push) or the tracked tag jumped to another line: the old commit is no
                // base to diff against, so the new commit is a fresh baseline and every application is re-read.
                LOG.infof("source %s: %s is not an ancestor of %s (history rewritten); re-reading every application",
                        sourceId, from.abbreviate(7).name(), to.abbreviate(7).name());
                return Optional.empty();
            }
            walk.reset();
            tree.addTree(from.getTree());
            tree.addTree(to.getTree());
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            Set<String> paths = new LinkedHashSet<>();
            while (tree.next()) {
                paths.add(tree.getPathString());
            }
            return Optional.of(paths);
        } catch (IOException e) {
            throw unavailable("cannot compare " + fromRevision + " with " + toRevision, e);
        }
    }

    @Override
    public List<SourceFile> files(String revision, String folder, ContentLimits limits)
            throws ContentRejectedException, SourceUnavailableException {
        Repository repo = open().getRepository();
        List<SourceFile> files = new ArrayList<>();
        long total = 0;
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision));
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            if (!RepoPaths.ROOT.equals(folder)) {
                tree.setFilter(PathFilter.create(folder));
            }
            while (tree.next()) {
                String path = tree.getPathString();
                FileMode mode = tree.getFileMode(0);
                if (path.equals(folder)) {
                    throw new ContentRejectedException(path, "the application path is a file; it must be a folder");
                }
                if (!path.equals(RepoPaths.normalize(path))) {
                    throw new ContentRejectedException(path, "unsafe path (a '..' or '.' segment, or a backslash)");
                }
                if (!isRegularFile(mode)) {
                    throw new ContentRejectedException(path, "must be a regular file, not a " + describe(mode));
                }
                if (files.size() >= limits.files()) {
                    throw new ContentRejectedException(path, "the application has more than " + limits.files()
                            + " files");
                }
                byte[] bytes = readBlob(repo, tree.getObjectId(0), path, limits.fileBytes());
                total += bytes.length;
                if (total > limits.totalBytes()) {
                    throw new ContentRejectedException(path, "the application's files exceed " + limits.totalBytes()
                            + " bytes in total");
                }
                files.add(new SourceFile(RepoPaths.relativize(folder, path), text(bytes, path)));
            }
            return files;
        } catch (IOException e) {
            throw unavailable("cannot read " + folder + " at " + revision, e);
        }
    }

    @Override
    public List<String> folders(String revision, int maxDepth) throws SourceUnavailableException {
        Repository repo = open().getRepository();
        List<String> folders = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(revision)).getTree());
            tree.setRecursive(false);
            while (tree.next()) {
                if (tree.getFileMode(0) == FileMode.TREE) {
                    folders.add(tree.getPathString());
                    if (tree.getDepth() + 1 < maxDepth) {
                        tree.enterSubtree();
                    }
                }
            }
            return folders;
        } catch (IOException e) {
            throw unavailable("cannot list the folders at " + revision, e);
        }
    }

    @Override
    public void markAnnounced(String revision) {
        try {
            RefUpdate update = open().getRepository().updateRef(ANNOUNCED_REF);
            update.setNewObjectId(ObjectId.fromString(revision));
            update.setForceUpdate(true);
            update.update();
        } catch (IOException | SourceUnavailableException e) {
            // Only an optimisation for the next diff (it keeps the commit reachable); the state is in PostgreSQL.
            LOG.debugf("source %s: cannot record %s locally: %s", sourceId, revision, e.getMessage());
        }
    }

    private Git open() throws SourceUnavailableException {
        if (git != null && Files.isDirectory(dir.resolve("objects"))) {
            return git;
        }
        // The clone vanished under us (a wiped volume): start a new one, the next fetch fills it.
        close();
        try {
            if (Files.isDirectory(dir)) {
                try {
                    git = Git.open(dir.toFile());
                    return git;
                } catch (IOException | RuntimeException e) {
                    // A corrupt clone holds nothing that cannot be fetched again.
                    LOG.warnf("source %s: local clone %s is unreadable (%s); cloning again", sourceId, dir,
                            e.getMessage());
                    deleteRecursively(dir);
                }
            }
            Files.createDirectories(dir.getParent());
            git = Git.init().setBare(true).setDirectory(dir.toFile()).call();
            StoredConfig config = git.getRepository().getConfig();
            config.setString("gc", null, "prunePackExpire", "1.minute.ago");
            config.save();
            return git;
        } catch (GitAPIException | IOException e) {
            throw new SourceUnavailableException(SourceUnavailableException.FETCH_FAILED,
                    "cannot prepare the local clone of " + sourceId + ": " + redaction.message(e.getMessage()), e);
        }
    }

    private void maybeGc(Git local) {
        if (++fetchesSinceGc < GC_EVERY) {
            return;
        }
        fetchesSinceGc = 0;
        try {
            local.gc().call();
        } catch (GitAPIException | RuntimeException e) {
            LOG.debugf("source %s: gc failed: %s", sourceId, e.getMessage());
        }
    }

    private static byte[] readBlob(Repository repo, ObjectId id, String path, long maxBytes)
            throws IOException, ContentRejectedException {
        ObjectLoader loader = repo.open(id, Constants.OBJ_BLOB);
        if (loader.getSize() > maxBytes) {
            throw new ContentRejectedException(path, "the file is " + loader.getSize() + " bytes, over the limit of "
                    + maxBytes);
        }
        return loader.getBytes();
    }

    private static String text(byte[] bytes, String path) throws ContentRejectedException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ContentRejectedException(path, "not UTF-8 text");
        }
    }

    private static boolean isRegularFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    private static String describe(FileMode mode) {
        if (mode == FileMode.SYMLINK) {
            return "symbolic link (links are refused: they could point outside the repository)";
        }
        if (mode == FileMode.GITLINK) {
            return "submodule";
        }
        return "folder";
    }

    private SourceUnavailableException unavailable(String what, Throwable e) {
        String reason = SourceUnavailableException.FETCH_FAILED;
        String detail = rootMessage(e);
        String lower = detail.toLowerCase();
        if (e instanceof TransportException && (lower.contains("not authorized") || lower.contains("authentication")
                || lower.contains("auth fail") || lower.contains("401") || lower.contains("403"))) {
            reason = SourceUnavailableException.AUTH_FAILED;
        } else if (e instanceof InvalidRemoteException) {
            detail = "repository not found or not reachable";
        }
        return new SourceUnavailableException(reason, redaction.message(what + ": " + detail), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Releases the local clone. */
    public void close() {
        if (git != null) {
            git.close();
            git = null;
        }
    }
}
