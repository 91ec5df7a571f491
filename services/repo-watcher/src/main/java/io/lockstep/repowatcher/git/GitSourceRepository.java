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
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import io.lockstep.repowatcher.poll.SignatureRejectedException;
import java.net.URISyntaxException;
import org.eclipse.jgit.api.FetchCommand;
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
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jboss.logging.Logger;

/**
 * One config repo over JGit: a bare local clone under the work directory, fetched only when {@code ls-remote} says
 * the tracked ref (a branch, a tag, or the newest tag in a version range) moved; a corrupt clone is cloned again. Not thread-safe; the scheduler never polls one source twice at once.
 */
public final class GitSourceRepository implements SourceRepository {
    /**
     * HTTP 401 or 403 as a status of its own: the message also carries the URL, whose digits (a port, a temporary
     * folder's random name) must not read as a refusal.
     */
    private static final Pattern HTTP_AUTH_STATUS = Pattern.compile("(?<![0-9])40[13](?![0-9])");

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
    /** SSH access, for ssh:// and scp-like URLs; null for the other transports. */
    private final GitSsh ssh;
    /** Signature verification, or null when the source does not ask for it. */
    private final GitSignatureCheck signatures;
    /** Why this source cannot be used as configured (checked at each poll, reported as config-error), or null. */
    private final String configProblem;
    private final boolean shallow;
    private Git git;
    private int fetchesSinceGc;
    /** The remote ref that {@link #remoteHead()} chose last (the branch, or the newest matching tag). */
    private String selectedRef;

    public GitSourceRepository(String sourceId, WatcherConfig.Source source, TrackedRef tracked, Path workdir) {
        this.sourceId = sourceId;
        // JGit gets the URL without user-info (credentials go through a provider instead), so no JGit message,
        // log line or clone config can ever carry them.
        // Over SSH the user name is part of the address (git@host), not a secret; only a password would be.
        this.url = isSsh(source.url()) ? Redaction.password(source.url()) : Redaction.url(source.url());
        this.displayUrl = this.url;
        this.tracked = tracked;
        this.dir = workdir.resolve(sourceId + ".git");
        this.credentials = new GitCredentials(source.credentials(), Redaction.userInfo(source.url()));
        List<String> secrets = new ArrayList<>(credentials.secretValues());
        secrets.addAll(Redaction.userInfoSecrets(source.url()));
        this.redaction = new Redaction(secrets);
        boolean sshUrl = isSsh(this.url);
        boolean sshKey = source.credentials().map(GitSsh::configured).orElse(false);
        this.ssh = sshUrl && sshKey
                ? new GitSsh(sourceId, source.credentials().get(), workdir.resolve(sourceId + ".ssh")) : null;
        this.signatures = source.verify().map(GitSignatureCheck::new).orElse(null);
        String problem = null;
        if (sshUrl && !sshKey) {
            problem = "an SSH URL needs credentials.ssh-private-key-file (or ssh-private-key) and "
                    + "credentials.ssh-known-hosts-file";
        } else if (!sshUrl && sshKey) {
            problem = "an SSH key is configured but the URL is not an SSH URL (ssh://... or user@host:path)";
        } else if (signatures != null) {
            problem = signatures.configProblem();
        }
        this.configProblem = problem;
        this.shallow = source.shallow();
    }

    /** Whether JGit would use SSH for this URL: {@code ssh://}, {@code git+ssh://} or scp-like {@code user@host:path}. */
    static boolean isSsh(String url) {
        try {
            URIish uri = new URIish(url);
            String scheme = uri.getScheme();
            if (scheme == null) {
                return uri.getHost() != null && !url.startsWith("/") && !url.startsWith("file:");
            }
            return scheme.equals("ssh") || scheme.equals("git+ssh") || scheme.equals("ssh+git");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private void checkConfig() throws SourceUnavailableException {
        if (configProblem != null) {
            throw new SourceUnavailableException(SourceUnavailableException.CONFIG_ERROR,
                    "source " + sourceId + ": " + configProblem, null);
        }
        if (ssh != null) {
            ssh.prepare();
        }
    }

    /** The repo URL as it may be shown: without credentials. */
    public String displayUrl() {
        return displayUrl;
    }

    @Override
    public String remoteHead() throws SourceUnavailableException {
        checkConfig();
        CredentialsProvider provider = credentials.provider();
        Map<String, Ref> refs;
        try {
            refs = Git.lsRemoteRepository().setRemote(url).setHeads(!tracked.needsTags())
                    .setTags(tracked.needsTags()).setCredentialsProvider(provider).setTransportConfigCallback(ssh)
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
        checkConfig();
        Git local = open();
        if (!intact(local.getRepository())) {
            // Objects vanished under a ref (a damaged disk, an interrupted gc): the clone is only a cache.
            LOG.warnf("source %s: local clone %s is corrupt; cloning again", sourceId, dir);
            local = reclone();
        }
        try {
            return fetchInto(local);
        } catch (SourceUnavailableException e) {
            if (e.getCause() instanceof TransportException || intact(local.getRepository())
                    || SourceUnavailableException.DISK_FULL.equals(e.reason())) {
                throw e;
            }
            LOG.warnf("source %s: local clone %s broke during the fetch; cloning again", sourceId, dir);
            return fetchInto(reclone());
        }
    }

    private String fetchInto(Git local) throws SourceUnavailableException {
        try {
            FetchCommand fetch = fetchCommand(local);
            if (shallow && local.getRepository().exactRef(TRACKED_REF) == null
                    && local.getRepository().exactRef(ANNOUNCED_REF) == null) {
                // First sight: only the tracked commit. Later fetches bring what is new on top of it, which is all a
                // diff against the last announced commit needs; changedPaths deepens when it is not.
                fetch.setDepth(1).setCheckFetchedObjects(false);
            }
            fetch.call();
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

    private FetchCommand fetchCommand(Git local) throws SourceUnavailableException {
        // JGit's fetch-time check walks every fetched commit down to what the clone has, and fails at a shallow
        // boundary ("peer did not supply a complete object graph"); a shallow clone is fetched without it. Objects
        // are still verified against their ids when the pack is indexed, and a clone with missing objects is
        // detected (intact) and cloned again.
        return local.fetch().setRemote(url).setCredentialsProvider(credentials.provider())
                .setTransportConfigCallback(ssh)
                .setRefSpecs(new RefSpec("+" + selectedRef + ":" + TRACKED_REF)).setTagOpt(TagOpt.NO_TAGS)
                .setCheckFetchedObjects(!isShallow(local.getRepository())).setTimeout(TIMEOUT_SECONDS);
    }

    /** Whether the clone was fetched with a depth and still lacks some history. */
    private static boolean isShallow(Repository repo) {
        try {
            return !repo.getObjectDatabase().getShallowCommits().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Fetches the whole history of the tracked ref into a shallow clone (the diff needs an older commit). */
    private void unshallow(Git local) throws SourceUnavailableException {
        if (selectedRef == null) {
            remoteHead();
        }
        checkConfig();
        LOG.infof("source %s: fetching the full history (the diff needs a commit older than the shallow clone)",
                sourceId);
        try {
            fetchCommand(local).setUnshallow(true).call();
        } catch (GitAPIException | RuntimeException e) {
            throw unavailable("cannot fetch the history of " + tracked.describe() + " from " + displayUrl, e);
        }
    }

    @Override
    public void verifySignature(String revision) throws SignatureRejectedException, SourceUnavailableException {
        if (signatures == null) {
            return;
        }
        Repository repo = open().getRepository();
        try (RevWalk walk = new RevWalk(repo)) {
            signatures.check(repo, walk.parseCommit(ObjectId.fromString(revision)));
        } catch (IOException e) {
            throw unavailable("cannot read commit " + revision + " of " + displayUrl, e);
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
        closeClone();
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
        Git local = open();
        Repository repo = local.getRepository();
        if (isShallow(repo) && !reachesWithinClone(repo, fromRevision, toRevision)) {
            unshallow(local);
        }
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

    /** Whether the old commit is here and is an ancestor of the new one without crossing the shallow boundary. */
    private static boolean reachesWithinClone(Repository repo, String fromRevision, String toRevision) {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit from = walk.parseCommit(ObjectId.fromString(fromRevision));
            return walk.isMergedInto(from, walk.parseCommit(ObjectId.fromString(toRevision)));
        } catch (IOException | RuntimeException e) {
            return false;
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
        closeClone();
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
            if (noSpaceLeft(e)) {
                throw new SourceUnavailableException(SourceUnavailableException.DISK_FULL, "cannot prepare the local "
                        + "clone of " + sourceId + ": no space left on device under " + dir.getParent(), e);
            }
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
        String rejection = ssh == null ? null : ssh.rejection();
        if (rejection != null) {
            // Our known-hosts check refused the server; JGit's own message only says the session failed.
            reason = SourceUnavailableException.HOST_KEY_REJECTED;
            detail = rejection;
        } else if (noSpaceLeft(e)) {
            reason = SourceUnavailableException.DISK_FULL;
            detail = "no space left on device for the local clone under " + dir.getParent()
                    + " (free space or enlarge the volume; retried with backoff)";
        } else if (isAuthRefusal(e, lower)) {
            reason = SourceUnavailableException.AUTH_FAILED;
        } else if (e instanceof InvalidRemoteException) {
            detail = "repository not found or not reachable";
        }
        return new SourceUnavailableException(reason, redaction.message(what + ": " + detail), e);
    }

    /** Whether a failure is the server refusing the credentials (as opposed to a missing or unreachable repo). */
    static boolean isAuthRefusal(Throwable e, String lowerMessage) {
        return isTransportFailure(e) && (lowerMessage.contains("not authorized")
                || lowerMessage.contains("authentication") || lowerMessage.contains("auth fail")
                || HTTP_AUTH_STATUS.matcher(lowerMessage).find() || lowerMessage.contains("cannot log in")
                || lowerMessage.contains("no more authentication methods"));
    }

    private static boolean isTransportFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransportException || t instanceof org.eclipse.jgit.errors.TransportException) {
                return true;
            }
        }
        return false;
    }

    /** ENOSPC anywhere in the chain (JGit wraps the IOException of a pack or ref write in its own). */
    static boolean noSpaceLeft(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (noSpaceLeft(s)) {
                    return true;
                }
            }
        }
        return false;
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
        if (ssh != null) {
            ssh.close();
        }
        closeClone();
    }

    private void closeClone() {
        if (git != null) {
            git.close();
            git = null;
        }
    }
}
