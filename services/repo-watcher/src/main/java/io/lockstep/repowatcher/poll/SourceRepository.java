package io.lockstep.repowatcher.poll;

import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the poller needs from one config repo. Implemented over Git; the poller does not know how. */
public interface SourceRepository {

    /** The commit the tracked branch points at on the remote, asked cheaply (no fetch). */
    String remoteHead() throws SourceUnavailableException;

    /** Fetches the tracked branch and returns the commit it points at now (it may have moved on since remoteHead). */
    String fetch() throws SourceUnavailableException;

    /**
     * Checks the signature of a fetched commit when the source asks for it (does nothing otherwise): refused when it
     * is unsigned, signed by a key the source does not trust, or the signature does not match the commit.
     */
    void verifySignature(String revision) throws SignatureRejectedException, SourceUnavailableException;

    /** Metadata of a fetched commit; the repo URL in it carries no credentials. */
    CommitInfo commit(String revision) throws SourceUnavailableException;

    /** A file's bytes at a commit, empty when absent; refused when it is not a plain file or is over the cap. */
    Optional<byte[]> readFile(String revision, String path, long maxBytes)
            throws ContentRejectedException, SourceUnavailableException;

    /** Repo-relative paths that differ between two commits, or empty when the older one is not known locally. */
    Optional<Set<String>> changedPaths(String fromRevision, String toRevision) throws SourceUnavailableException;

    /** The files under a folder at a commit, paths relative to it, refused as a whole if any breaks the limits. */
    List<SourceFile> files(String revision, String folder, ContentLimits limits)
            throws ContentRejectedException, SourceUnavailableException;

    /** Every folder of a commit down to {@code maxDepth} levels (repo-relative), for directory generators. */
    List<String> folders(String revision, int maxDepth) throws SourceUnavailableException;

    /** Records locally that this commit was announced, so it stays available for the next diff. */
    void markAnnounced(String revision);

    /** Caps on one application's content. */
    record ContentLimits(long fileBytes, int files, long totalBytes) {
    }
}
