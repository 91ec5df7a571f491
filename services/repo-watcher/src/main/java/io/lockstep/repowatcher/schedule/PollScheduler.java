package io.lockstep.repowatcher.schedule;

import io.lockstep.repowatcher.config.WatcherConfig;
import io.lockstep.repowatcher.git.GitSourceRepository;
import io.lockstep.repowatcher.manifest.LockstepFileParser;
import io.lockstep.repowatcher.metrics.WatcherMetrics;
import io.lockstep.repowatcher.poll.EventPublisher;
import io.lockstep.repowatcher.poll.PollOutcome;
import io.lockstep.repowatcher.poll.SourcePoller;
import io.lockstep.repowatcher.poll.SourceRepository.ContentLimits;
import io.lockstep.repowatcher.poll.SourceStateStore;
import io.lockstep.repowatcher.tracking.TrackedRef;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Polls every configured source on its own interval (with jitter, and with a doubling backoff while it is
 * unavailable), on a small pool of worker threads: Git work never runs on the event loop, and two polls of one
 * source never overlap.
 */
@ApplicationScoped
public class PollScheduler {
    private static final Logger LOG = Logger.getLogger(PollScheduler.class);
    private static final Pattern SOURCE_ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final WatcherConfig config;
    private final SourceStateStore store;
    private final EventPublisher publisher;
    private final WatcherMetrics metrics;
    private final Map<String, Scheduled> sources = new LinkedHashMap<>();
    private ScheduledThreadPoolExecutor executor;

    public PollScheduler(WatcherConfig config, SourceStateStore store, EventPublisher publisher,
            WatcherMetrics metrics) {
        this.config = config;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        WatcherConfig.Watcher watcher = config.watcher();
        LockstepFileParser parser = new LockstepFileParser(watcher.limits().configBytes());
        ContentLimits limits = new ContentLimits(watcher.limits().fileBytes(), watcher.limits().filesPerApp(),
                watcher.limits().bytesPerApp());
        AtomicInteger threads = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(Math.max(1, watcher.pollThreads()), r -> {
            Thread t = new Thread(r, "lockstep-poll-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        config.sources().forEach((id, source) -> {
            if (!SOURCE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("lockstep.sources." + id + ": a source id must use lower-case "
                        + "letters, digits and '-' (it starts every application id)");
            }
            TrackedRef tracked;
            try {
                tracked = TrackedRef.of(source.branch(), source.tag(), source.semver());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lockstep.sources." + id + ": " + e.getMessage(), e);
            }
            GitSourceRepository repository = new GitSourceRepository(id, source, tracked, watcher.workdir());
            SourcePoller poller = new SourcePoller(id, repository, store, publisher, parser, limits, metrics,
                    Clock.systemUTC());
            sources.put(id, new Scheduled(poller, repository, source.pollInterval()));
            LOG.infof("watching source %s: %s, %s, every %s%s", id, repository.displayUrl(), tracked.describe(),
                    source.pollInterval(), source.webhook().isPresent() ? " and on webhooks" : "");
        });
        sources.values().forEach(s -> schedule(s, Duration.ZERO));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sources.values().forEach(s -> s.repository.close());
    }

    /**
     * Polls the source named by a source id or an application id ({@code <source>/<app>}) as soon as a thread is
     * free. Returns false when no such source is configured here.
     */
    public boolean refresh(String sourceOrAppId) {
        if (executor == null) {
            // A command read before start-up finished: the first poll, about to run, covers it.
            return false;
        }
        Optional<Scheduled> target = sources.values().stream().filter(s -> s.poller.answersTo(sourceOrAppId))
                .findFirst();
        target.ifPresent(s -> executor.execute(() -> run(s, false, "refresh")));
        return target.isPresent();
    }

    /**
     * Polls a source after {@code debounce}, on behalf of a webhook. Requests that arrive before that poll starts
     * join it, so a burst of pushes costs one fetch; a request that arrives while it runs gets a poll of its own
     * (the running one may have missed its commit). The window is fixed from the first request, not pushed back by
     * later ones, so a steady stream of pushes cannot starve the source.
     */
    public void requestPoll(String sourceId, Duration debounce) {
        Scheduled s = sources.get(sourceId);
        if (s == null || executor == null || executor.isShutdown()) {
            return;
        }
        if (s.pending.compareAndSet(false, true)) {
            executor.schedule(() -> {
                s.pending.set(false);
                run(s, false, "webhook");
            }, debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Polls one source now, on the calling thread, and returns how it ended. */
    public PollOutcome pollNow(String sourceId) {
        Scheduled s = sources.get(sourceId);
        if (s == null) {
            throw new IllegalArgumentException("no source " + sourceId);
        }
        return run(s, false, "manual");
    }

    private PollOutcome run(Scheduled s, boolean reschedule, String trigger) {
        PollOutcome outcome;
        synchronized (s) {
            metrics.polled(s.poller.sourceId(), trigger);
            try {
                outcome = s.poller.poll();
            } catch (RuntimeException e) {
                // Typically the broker or the database is away: nothing was recorded, the next poll retries.
                LOG.errorf("source %s: poll failed, will retry: %s", s.poller.sourceId(), e.getMessage());
                metrics.error(s.poller.sourceId(), "internal");
                outcome = PollOutcome.UNAVAILABLE;
            }
            s.failures = outcome == PollOutcome.UNAVAILABLE ? s.failures + 1 : 0;
        }
        if (reschedule) {
            schedule(s, nextDelay(s));
        }
        return outcome;
    }

    private void schedule(Scheduled s, Duration delay) {
        if (!executor.isShutdown()) {
            executor.schedule(() -> run(s, true, "schedule"), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Duration nextDelay(Scheduled s) {
        Duration base = s.interval;
        if (s.failures > 0) {
            Duration max = config.watcher().maxBackoff();
            long factor = 1L << Math.min(s.failures - 1, 20);
            base = base.multipliedBy(factor);
            base = base.compareTo(max) > 0 ? (s.interval.compareTo(max) > 0 ? s.interval : max) : base;
        }
        double spread = config.watcher().pollJitterPercent() / 100.0;
        double factor = 1 + (spread == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-spread, spread));
        return Duration.ofMillis(Math.max(1, (long) (base.toMillis() * factor)));
    }

    private static final class Scheduled {
        final SourcePoller poller;
        final GitSourceRepository repository;
        final Duration interval;
        final AtomicBoolean pending = new AtomicBoolean();
        int failures;

        Scheduled(SourcePoller poller, GitSourceRepository repository, Duration interval) {
            this.poller = poller;
            this.repository = repository;
            this.interval = interval;
        }
    }
}
