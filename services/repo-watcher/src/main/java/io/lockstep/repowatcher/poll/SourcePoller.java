package io.lockstep.repowatcher.poll;

import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.AppRemoved;
import io.lockstep.contracts.events.CommitEvent;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.contracts.events.SourceRecovered;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.SourceFile;
import io.lockstep.repowatcher.manifest.GeneratedApps;
import io.lockstep.repowatcher.manifest.InvalidConfigException;
import io.lockstep.repowatcher.manifest.LockstepFile;
import io.lockstep.repowatcher.manifest.LockstepFileParser;
import io.lockstep.repowatcher.metrics.WatcherMetrics;
import io.lockstep.repowatcher.poll.SourceRepository.ContentLimits;
import io.lockstep.repowatcher.routing.AppRouter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Polls one source. A poll is an ordered list of steps that stops at the first failure: ask the remote where the
 * branch is; stop if it has not moved; fetch; read and validate {@code lockstep.yaml}; route the changed paths to
 * applications; read each concerned application's files; publish and wait for the broker; only then record the
 * commit. A failure never announces anything, and is reported once per transition.
 */
public final class SourcePoller {
    public static final String INVALID_CONFIG = "invalid-config";
    public static final String INVALID_CONTENT = "invalid-content";
    public static final String SIGNATURE_REJECTED = "signature-rejected";

    private static final Logger LOG = Logger.getLogger(SourcePoller.class);

    private final String sourceId;
    private final SourceRepository repository;
    private final SourceStateStore store;
    private final EventPublisher publisher;
    private final LockstepFileParser parser;
    private final ContentLimits limits;
    private final WatcherMetrics metrics;
    private final Clock clock;

    public SourcePoller(String sourceId, SourceRepository repository, SourceStateStore store, EventPublisher publisher,
            LockstepFileParser parser, ContentLimits limits, WatcherMetrics metrics, Clock clock) {
        this.sourceId = sourceId;
        this.repository = repository;
        this.store = store;
        this.publisher = publisher;
        this.parser = parser;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
    }

    public String sourceId() {
        return sourceId;
    }

    /** One poll; callers make sure polls of one source do not overlap. */
    public PollOutcome poll() {
        SourceState state = store.load(sourceId).orElseGet(() -> SourceState.initial(sourceId));
        String head;
        String fetched;
        CommitInfo commit;
        Instant started = clock.instant();
        try {
            head = repository.remoteHead();
            if (head.equals(state.revision()) || head.equals(state.failedRevision())) {
                if (head.equals(state.revision()) && state.failureKey() != null) {
                    recovered(state, head);
                }
                return PollOutcome.UNCHANGED;
            }
            fetched = repository.fetch();
            metrics.fetched(sourceId, Duration.between(started, clock.instant()), true);
            commit = repository.commit(fetched);
        } catch (SourceUnavailableException e) {
            metrics.fetched(sourceId, Duration.between(started, clock.instant()), false);
            reportFailure(state, e.reason(), null, null, null, null, e.getMessage(), null);
            return PollOutcome.UNAVAILABLE;
        }
        if (fetched.equals(state.revision()) || fetched.equals(state.failedRevision())) {
            // The branch moved back (force-push) to a commit already handled between ls-remote and fetch.
            if (fetched.equals(state.revision()) && state.failureKey() != null) {
                recovered(state, fetched);
            }
            return PollOutcome.UNCHANGED;
        }
        try {
            repository.verifySignature(fetched);
        } catch (SignatureRejectedException e) {
            // Like an invalid lockstep.yaml: this commit is never announced, and is not re-read while it stays.
            reportFailure(state, SIGNATURE_REJECTED, commit, null, null, null, e.getMessage(), fetched);
            return PollOutcome.INVALID;
        } catch (SourceUnavailableException e) {
            reportFailure(state, e.reason(), commit, null, null, null, e.getMessage(), null);
            return PollOutcome.UNAVAILABLE;
        }
        try {
            return announce(state, fetched, commit);
        } catch (SourceUnavailableException e) {
            reportFailure(state, e.reason(), commit, null, null, null, e.getMessage(), null);
            return PollOutcome.UNAVAILABLE;
        }
    }

    private PollOutcome announce(SourceState state, String revision, CommitInfo commit)
            throws SourceUnavailableException {
        LockstepFile config;
        List<AppSpec> apps;
        try {
            config = readConfig(revision);
            apps = config.generators().isEmpty() ? config.applications()
                    : GeneratedApps.expand(config, repository.folders(revision, GeneratedApps.depth(config)));
        } catch (InvalidConfigException e) {
            reportFailure(state, INVALID_CONFIG, commit, e.file(), e.line(), e.field(), e.reason(), revision);
            return PollOutcome.INVALID;
        }
        Set<String> changed = state.revision() == null ? null
                : repository.changedPaths(state.revision(), revision).orElse(null);
        AppRouter.Routing routing = AppRouter.route(state.revision() == null ? null : state.apps(),
                apps, changed);

        Instant now = clock.instant();
        List<CommitEvent> events = new ArrayList<>();
        if (state.failureKey() != null) {
            // The source had failed; this commit is read in full, so the failure is over.
            events.add(sourceRecovered(state, revision, commit, apps, now));
        }
        List<String> announced = new ArrayList<>();
        for (AppSpec app : routing.observed()) {
            String appId = appId(app);
            List<SourceFile> files;
            try {
                files = repository.files(revision, app.path(), limits);
            } catch (ContentRejectedException e) {
                // One application's bad content must not hold back the others; it is reported and skipped.
                metrics.error(sourceId, INVALID_CONTENT);
                LOG.warnf("application %s at %s not announced: %s: %s", appId, commit.shortRevision(), e.file(),
                        e.getMessage());
                events.add(sourceFailed(state.failures(), commit, INVALID_CONTENT, e.file(), null, null,
                        e.getMessage() + " (application " + appId + ")", List.of(app), now));
                continue;
            }
            events.add(new CommitObserved(EventIds.of(EventType.COMMIT_OBSERVED, appId, revision), appId, sourceId,
                    commit, app, files, now));
            announced.add(appId);
        }
        for (AppSpec app : routing.removed()) {
            String appId = appId(app);
            events.add(new AppRemoved(EventIds.of(EventType.APP_REMOVED, appId, revision), appId, sourceId, commit,
                    app, now));
        }
        publisher.publishAll(events);
        store.save(state.announced(revision, apps));
        repository.markAnnounced(revision);
        metrics.observed(sourceId, announced.size(),
                commit.committedAt() == null ? Duration.ZERO : Duration.between(commit.committedAt(), now));
        LOG.infof("source %s at %s (%s): observed %s, removed %s", sourceId, commit.shortRevision(),
                commit.subject(), announced, routing.removed().stream().map(this::appId).toList());
        return PollOutcome.ANNOUNCED;
    }

    /**
     * The source is readable again at the commit already announced: one {@code SourceRecovered}, then the failure
     * is forgotten, so the next poll publishes nothing. A crash in between re-sends the same event (same id).
     */
    private void recovered(SourceState state, String revision) {
        CommitInfo commit;
        try {
            commit = repository.commit(revision);
        } catch (SourceUnavailableException e) {
            commit = null;
        }
        LOG.infof("source %s is readable again at %s (was %s)", sourceId, shortSha(revision), state.failureReason());
        publisher.publishAll(List.of(sourceRecovered(state, revision, commit, state.apps(), clock.instant())));
        store.save(state.recovered());
    }

    /** Carries the applications as they stand once recovered (those of the new commit when one is announced). */
    private SourceRecovered sourceRecovered(SourceState state, String revision, CommitInfo commit,
            List<AppSpec> apps, Instant time) {
        String id = EventIds.of(EventType.SOURCE_RECOVERED, sourceId, Long.toString(state.failures()),
                state.failureKey(), revision);
        return new SourceRecovered(id, sourceId, sourceId, commit, state.failureReason(), apps, time);
    }

    private LockstepFile readConfig(String revision) throws InvalidConfigException, SourceUnavailableException {
        Optional<byte[]> content;
        try {
            content = repository.readFile(revision, LockstepFile.PATH, parser.maxBytes());
        } catch (ContentRejectedException e) {
            throw new InvalidConfigException(LockstepFile.PATH, null, null, e.getMessage());
        }
        if (content.isEmpty()) {
            throw new InvalidConfigException(LockstepFile.PATH, null, null,
                    "no " + LockstepFile.PATH + " at the root of the repository");
        }
        return parser.parse(content.get());
    }

    /**
     * Reports a failure if it differs from the one reported last (so a source that stays down is reported once),
     * then remembers it. Nothing about the applications changes: a failure is never an empty state.
     */
    private void reportFailure(SourceState state, String reason, CommitInfo commit, String file, Integer line,
            String field, String message, String failedRevision) {
        metrics.error(sourceId, reason);
        String key = String.join("|", reason, Objects.toString(failedRevision, ""), Objects.toString(file, ""),
                Objects.toString(line, ""), Objects.toString(field, ""), message);
        if (key.equals(state.failureKey())) {
            LOG.debugf("source %s still failing: %s", sourceId, message);
            return;
        }
        LOG.warnf("source %s failed (%s)%s: %s", sourceId, reason,
                commit == null ? "" : " at " + commit.shortRevision(), message);
        SourceState failed = state.failed(key, failedRevision);
        publisher.publishAll(List.of(sourceFailed(failed.failures(), commit, reason, file, line, field, message,
                state.apps(), clock.instant())));
        store.save(failed);
    }

    /** The id names the failure episode, so a crash before the state is saved re-sends the same event. */
    private SourceFailed sourceFailed(long episode, CommitInfo commit, String reason, String file, Integer line,
            String field, String message, List<AppSpec> apps, Instant time) {
        String revision = commit == null ? "" : commit.revision();
        String id = EventIds.of(EventType.SOURCE_FAILED, sourceId, Long.toString(episode), reason, revision, file,
                Objects.toString(line, ""), field, message);
        return new SourceFailed(id, sourceId, sourceId, commit, reason, file, line, field, message, apps, time);
    }

    private String appId(AppSpec app) {
        return sourceId + "/" + app.name();
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    /** Whether an application id ({@code <source>/<name>}) or source id names this source. */
    public boolean answersTo(String id) {
        return sourceId.equals(id) || (id != null && id.startsWith(sourceId + "/"));
    }

}
