package io.lockstep.notifier.delivery;

import io.lockstep.contracts.EventType;
import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.contracts.model.NotifyRule;
import io.lockstep.notifier.config.NotifierConfig;
import io.lockstep.notifier.trigger.AppState;
import io.lockstep.notifier.trigger.Channel;
import io.lockstep.notifier.trigger.Destination;
import io.lockstep.notifier.trigger.Notice;
import io.lockstep.notifier.trigger.Subscriptions;
import io.lockstep.notifier.trigger.TriggerDetector;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Delivers what a batch of events is worth telling: detects their triggers, finds the subscribed destinations, and
 * for each one ensures a single delivery (claimed in the delivery log first, spaced by the destination's rate limit,
 * retried on transient failures, dead-lettered when it fails for good, recorded, and announced as
 * {@code NotificationDelivered}). Deliveries of one Kafka record key (an application, or a source) run in order, those
 * of different keys at once. What it learned of the applications is saved last, so that a redelivered event fires
 * the same triggers and finds them in the delivery log. Returns only when every delivery is recorded and announced,
 * so the caller may then acknowledge the batch.
 */
@ApplicationScoped
public class NotificationDispatcher {
    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    private final TriggerDetector detector = new TriggerDetector();
    private final Subscriptions subscriptions;
    private final RetryPolicy retryPolicy;
    private final DeliveryLog log;
    private final DeadLetters deadLetters;
    private final AppStateStore states;
    private final Map<Channel, NotificationSender> senders = new EnumMap<>(Channel.class);
    private final Map<Channel, RateLimiter> limits = new EnumMap<>(Channel.class);
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    /** Deliveries detected but not finished yet: waiting for their turn, their rate-limit slot or a retry. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Runs the lanes of a batch (one per Kafka record key) at once. */
    private final ExecutorService workers;
    /** Records and announces outcomes as they come, a group per statement. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "notifier-delivery-log");
        thread.setDaemon(true);
        return thread;
    });
    private final OutcomeWriter outcomes;

    public NotificationDispatcher(NotifierConfig config, DeliveryLog log, DeliveryPublisher publisher,
            DeadLetters deadLetters, AppStateStore states, Instance<NotificationSender> senders,
            MeterRegistry meters) {
        this.subscriptions = new Subscriptions(config.defaults().orElse(List.of()).stream()
                .map(d -> new NotifyRule(d.on(), d.slack().orElse(null), d.email().orElse(null)))
                .toList());
        NotifierConfig.Retry retry = config.retry();
        this.retryPolicy = new RetryPolicy(retry.maxAttempts(), retry.initialDelay(), retry.multiplier(),
                retry.maxDelay(), retry.maxRetryAfter());
        this.log = log;
        this.deadLetters = deadLetters;
        this.states = states;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        limits.put(Channel.SLACK, new RateLimiter(config.slack().rateLimit().perSecond(),
                config.slack().rateLimit().burst(), System::nanoTime));
        limits.put(Channel.EMAIL, new RateLimiter(config.email().rateLimit().perSecond(),
                config.email().rateLimit().burst(), System::nanoTime));
        this.meters = meters;
        this.outcomes = new OutcomeWriter(log, publisher, clock, writer);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.concurrency(), task -> {
            Thread thread = new Thread(task, "notifier-lane-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("lockstep.notifier.queue.depth", queued, AtomicInteger::get)
                .description("Deliveries of the batch in hand not finished yet (waiting for their turn, a rate-limit"
                        + " slot or a retry); the backlog behind it is the consumer lag")
                .register(meters);
    }

    /** Handles one event, as a batch of one; the key of its Kafka record is its application id. */
    public void dispatch(LockstepEvent event) {
        dispatch(List.of(new Inbound(event.appId(), event)));
    }

    /**
     * Handles a batch of events, in their Kafka order: detects what each fires (per application, in order, the state
     * carried from one event to the next), claims every delivery in one transaction, makes the deliveries of
     * different record keys concurrently and those of one key in order, has each result recorded and its
     * {@code NotificationDelivered} sent as soon as it ends (a group per statement, see {@link OutcomeWriter}), waits
     * for all of them and the broker's acks, and saves the states last. Returns only when all of that is done, so the
     * caller may then acknowledge the batch. If a lane fails, what ended is still recorded and announced, the states
     * of the other lanes are saved, and the failure is thrown.
     */
    public void dispatch(List<Inbound> batch) {
        Map<String, AppState> known = new HashMap<>(states.load(batch.stream().map(Inbound::event)
                .filter(TriggerDetector::tracksState).map(TriggerDetector::stateKey).collect(Collectors.toSet())));
        Map<String, AppState> changed = new LinkedHashMap<>();
        Map<String, List<Delivery>> lanes = new LinkedHashMap<>();
        Map<String, DeliveryLog.Claimed> toClaim = new LinkedHashMap<>();
        List<Delivery> all = new ArrayList<>();
        Map<String, Set<String>> stateKeysOfLane = new HashMap<>();
        for (Inbound inbound : batch) {
            LockstepEvent event = inbound.event();
            boolean stateful = TriggerDetector.tracksState(event);
            String stateKey = TriggerDetector.stateKey(event);
            AppState before = stateful ? known.get(stateKey) : null;
            TriggerDetector.Detection detection = detector.detect(event, before);
            String lane = inbound.key() != null ? inbound.key() : event.appId();
            List<Delivery> laneDeliveries = lanes.computeIfAbsent(lane, k -> new ArrayList<>());
            for (Notice notice : detection.notices()) {
                List<Destination> destinations = subscriptions.destinationsFor(notice);
                if (destinations.isEmpty()) {
                    LOG.debugf("%s %s: %s fired, nobody subscribes to it", notice.appId(), notice.shortRevision(),
                            notice.trigger().wireName());
                }
                for (Destination destination : destinations) {
                    DeliveryKey key = DeliveryKey.of(notice, destination);
                    // The same delivery twice in one batch (a duplicated record): claimed once, the repeat suppressed.
                    boolean repeat = toClaim.putIfAbsent(key.id(), new DeliveryLog.Claimed(key, notice.revision()))
                            != null;
                    Delivery delivery = new Delivery(event, notice, destination, key, repeat);
                    laneDeliveries.add(delivery);
                    all.add(delivery);
                }
            }
            if (detection.next() != null && !detection.next().equals(before)) {
                known.put(stateKey, detection.next());
                changed.put(stateKey, detection.next());
                stateKeysOfLane.computeIfAbsent(lane, k -> new HashSet<>()).add(stateKey);
            }
        }
        if (all.isEmpty()) {
            states.save(changed.values());
            return;
        }
        Map<String, DeliveryLog.Claim> claims = log.claim(toClaim.values(), clock.instant());
        all.forEach(d -> d.claim = claims.get(d.key.id()));
        queued.addAndGet(all.size());
        Set<String> failedLanes = new HashSet<>();
        RuntimeException failure = null;
        try {
            failure = runLanes(lanes, failedLanes);
        } finally {
            queued.addAndGet(-(int) all.stream().filter(d -> d.outcome == null).count());
        }
        // Every outcome was handed to the writer as it ended (those of a lane that failed too: what they sent must
        // not be sent again): wait until all are recorded and announced, and count the repeats.
        Map<String, Integer> repeats = new HashMap<>();
        List<CompletableFuture<Void>> announced = new ArrayList<>();
        for (Delivery d : all) {
            if (d.announced != null) {
                announced.add(d.announced);
            }
            if (d.outcome == DeliveryOutcome.SUPPRESSED && d.repeat) {
                repeats.merge(d.key.id(), 1, Integer::sum);
            }
        }
        CompletableFuture.allOf(announced.toArray(CompletableFuture[]::new)).join();
        log.complete(List.of(), repeats, clock.instant());
        if (failure != null) {
            failedLanes.forEach(lane -> stateKeysOfLane.getOrDefault(lane, Set.of()).forEach(changed::remove));
            states.save(changed.values());
            throw failure;
        }
        states.save(changed.values());
    }

    /** Runs each lane's deliveries in order, the lanes at once; returns the first failure, after every lane ended. */
    private RuntimeException runLanes(Map<String, List<Delivery>> lanes, Set<String> failedLanes) {
        List<Map.Entry<String, List<Delivery>>> busy = lanes.entrySet().stream()
                .filter(lane -> !lane.getValue().isEmpty()).toList();
        if (busy.size() == 1) {
            try {
                busy.get(0).getValue().forEach(this::deliver);
                return null;
            } catch (RuntimeException e) {
                failedLanes.add(busy.get(0).getKey());
                return e;
            }
        }
        List<Map.Entry<String, Future<?>>> running = new ArrayList<>();
        for (Map.Entry<String, List<Delivery>> lane : busy) {
            running.add(Map.entry(lane.getKey(), workers.submit(() -> lane.getValue().forEach(this::deliver))));
        }
        RuntimeException first = null;
        for (Map.Entry<String, Future<?>> lane : running) {
            try {
                lane.getValue().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(r -> r.getValue().cancel(true));
                failedLanes.addAll(lanes.keySet());
                return new IllegalStateException("interrupted while delivering", e);
            } catch (ExecutionException e) {
                failedLanes.add(lane.getKey());
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("delivery failed: " + e.getCause(), e.getCause());
                }
            }
        }
        return first;
    }

    private void deliver(Delivery d) {
        attempt(d);
        queued.decrementAndGet();
    }

    private void attempt(Delivery d) {
        Notice notice = d.notice;
        DeliveryKey key = d.key;
        if (d.repeat || !d.claim.isNew()) {
            LOG.infof("%s %s %s → %s %s: already %s, suppressed", notice.appId(), notice.shortRevision(),
                    key.trigger(), key.channel(), key.destination(),
                    d.repeat ? "in this batch" : name(d.claim.earlierOutcome()));
            d.end(DeliveryOutcome.SUPPRESSED, 0, null);
            d.announced = outcomes.submit(null, outcome(d));
            return;
        }
        Destination destination = d.destination;
        NotificationSender sender = senders.get(destination.channel());
        RateLimiter limit = limits.get(destination.channel());
        int attempts = 0;
        while (true) {
            attempts++;
            Duration turn = limit.reserve(destination.target());
            if (!turn.isZero()) {
                pause(turn);
            }
            SendResult result = sender.send(notice, destination.target());
            if (result instanceof SendResult.Delivered) {
                sent(d, attempts);
                return;
            }
            if (result instanceof SendResult.Permanent permanent) {
                fail(d, attempts, permanent.error());
                return;
            }
            SendResult.Transient failure = (SendResult.Transient) result;
            Optional<Duration> delay = retryPolicy.nextDelay(attempts, failure, ThreadLocalRandom.current());
            if (delay.isEmpty()) {
                String why = attempts >= retryPolicy.maxAttempts() ? " (gave up after " + attempts + " attempts)"
                        : " (asked to wait " + failure.retryAfter().toSeconds() + " s, longer than allowed)";
                fail(d, attempts, failure.error() + why);
                return;
            }
            Counter.builder("lockstep.notifier.retries").description("Delivery attempts retried after a transient failure")
                    .tag("channel", key.channel()).register(meters).increment();
            LOG.debugf("%s %s %s → %s %s: %s; retrying in %d ms", notice.appId(), notice.shortRevision(),
                    key.trigger(), key.channel(), key.destination(), failure.error(), delay.get().toMillis());
            pause(delay.get());
        }
    }

    /**
     * Dead-letters the event first, then records the failure: a crash in between leaves the row pending, so the
     * redelivered event tries again rather than losing the dead letter.
     */
    private void fail(Delivery d, int attempts, String error) {
        deadLetters.deadLetter(d.event, d.key, attempts, error);
        LOG.warnf("%s %s %s → %s %s: failed after %d attempt%s: %s", d.notice.appId(), d.notice.shortRevision(),
                d.key.trigger(), d.key.channel(), d.key.destination(), attempts, attempts == 1 ? "" : "s", error);
        d.end(DeliveryOutcome.FAILED, attempts, error);
        d.announced = outcomes.submit(new DeliveryLog.Completed(d.key, DeliveryOutcome.FAILED, attempts, error),
                outcome(d));
    }

    private void sent(Delivery d, int attempts) {
        LOG.infof("%s %s %s → %s %s: sent (%d attempt%s)", d.notice.appId(), d.notice.shortRevision(),
                d.key.trigger(), d.key.channel(), d.key.destination(), attempts, attempts == 1 ? "" : "s");
        Timer.builder("lockstep.notifier.delivery.latency")
                .description("From the event's time to the message accepted by its destination")
                .tag("channel", d.key.channel()).register(meters)
                .record(Duration.between(d.notice.eventTime(), clock.instant()).abs());
        d.end(DeliveryOutcome.SENT, attempts, null);
        d.announced = outcomes.submit(new DeliveryLog.Completed(d.key, DeliveryOutcome.SENT, attempts, null),
                outcome(d));
    }

    /** The announcement of how a delivery ended, counted in the metrics. */
    private NotificationDelivered outcome(Delivery d) {
        DeliveryKey key = d.key;
        Counter.builder("lockstep.notifier.deliveries").description("Deliveries by channel and outcome")
                .tag("channel", key.channel()).tag("outcome", name(d.outcome)).register(meters).increment();
        String id = EventIds.of(EventType.NOTIFICATION_DELIVERED, key.appId(), key.revisionKey(), key.trigger(),
                key.channel(), key.destination(), name(d.outcome));
        return new NotificationDelivered(id, key.appId(), d.notice.revision(), key.trigger(), key.channel(),
                key.destination(), d.outcome, d.attempts, d.error, clock.instant());
    }

    private static void pause(Duration delay) {
        try {
            TimeUnit.MILLISECONDS.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The delivery stays claimed but unfinished: the event is not acknowledged, and its redelivery resumes it.
            throw new IllegalStateException("interrupted while waiting to retry a delivery", e);
        }
    }

    private static String name(DeliveryOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        writer.shutdownNow();
    }

    /** An event of a batch, with the key of its Kafka record (its application's or its source's id). */
    public record Inbound(String key, LockstepEvent event) {
    }

    /** One delivery of a batch: what, where, and (once its lane ran it) how it ended. */
    private static final class Delivery {
        final LockstepEvent event;
        final Notice notice;
        final Destination destination;
        final DeliveryKey key;
        /** The same key earlier in the batch: suppressed, never claimed on its own. */
        final boolean repeat;
        DeliveryLog.Claim claim;
        /** Written by the lane's thread, read after the lanes are joined (Future.get orders the two). */
        DeliveryOutcome outcome;
        int attempts;
        String error;
        /** Completes once the result is in the delivery log and its NotificationDelivered acknowledged. */
        CompletableFuture<Void> announced;

        Delivery(LockstepEvent event, Notice notice, Destination destination, DeliveryKey key, boolean repeat) {
            this.event = event;
            this.notice = notice;
            this.destination = destination;
            this.key = key;
            this.repeat = repeat;
        }

        void end(DeliveryOutcome outcome, int attempts, String error) {
            this.outcome = outcome;
            this.attempts = attempts;
            this.error = error;
        }
    }
}
