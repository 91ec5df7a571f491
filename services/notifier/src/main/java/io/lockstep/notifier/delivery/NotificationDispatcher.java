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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Delivers what an event is worth telling: detects its triggers, finds the subscribed destinations, and for each
 * one ensures a single delivery (claimed in the delivery log first, spaced by the destination's rate limit, retried
 * on transient failures, dead-lettered when it fails for good, recorded, and announced as
 * {@code NotificationDelivered}). What it learned of the application is saved last, so that a redelivered event
 * fires the same triggers and finds them in the delivery log. Returns only when every delivery is recorded and
 * announced, so the caller may then acknowledge the event.
 */
@ApplicationScoped
public class NotificationDispatcher {
    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    private final TriggerDetector detector = new TriggerDetector();
    private final Subscriptions subscriptions;
    private final RetryPolicy retryPolicy;
    private final DeliveryLog log;
    private final DeliveryPublisher publisher;
    private final DeadLetters deadLetters;
    private final AppStateStore states;
    private final Map<Channel, NotificationSender> senders = new EnumMap<>(Channel.class);
    private final Map<Channel, RateLimiter> limits = new EnumMap<>(Channel.class);
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    /** Deliveries detected but not finished yet: waiting for their turn, their rate-limit slot or a retry. */
    private final AtomicInteger queued = new AtomicInteger();

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
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.states = states;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        limits.put(Channel.SLACK, new RateLimiter(config.slack().rateLimit().perSecond(),
                config.slack().rateLimit().burst(), System::nanoTime));
        limits.put(Channel.EMAIL, new RateLimiter(config.email().rateLimit().perSecond(),
                config.email().rateLimit().burst(), System::nanoTime));
        this.meters = meters;
        Gauge.builder("lockstep.notifier.queue.depth", queued, AtomicInteger::get)
                .description("Deliveries of the event in hand not finished yet (waiting for their turn, a rate-limit"
                        + " slot or a retry); the backlog behind it is the consumer lag")
                .register(meters);
    }



    /** Handles one event; events that fire no trigger, or whose app subscribes to none, send nothing. */
    public void dispatch(LockstepEvent event) {
        boolean stateful = TriggerDetector.tracksState(event);
        AppState before = stateful ? states.load(event.appId()).orElse(null) : null;
        TriggerDetector.Detection detection = detector.detect(event, before);
        List<Map.Entry<Notice, Destination>> deliveries = new ArrayList<>();
        for (Notice notice : detection.notices()) {
            List<Destination> destinations = subscriptions.destinationsFor(notice);
            if (destinations.isEmpty()) {
                LOG.debugf("%s %s: %s fired, nobody subscribes to it", notice.appId(), notice.shortRevision(),
                        notice.trigger().wireName());
            }
            destinations.forEach(destination -> deliveries.add(Map.entry(notice, destination)));
        }
        queued.addAndGet(deliveries.size());
        try {
            for (Map.Entry<Notice, Destination> delivery : deliveries) {
                deliver(event, delivery.getKey(), delivery.getValue());
                queued.decrementAndGet();
            }
        } finally {
            queued.set(0);
        }
        if (detection.next() != null && !detection.next().equals(before)) {
            states.save(detection.next());
        }
    }

    private void deliver(LockstepEvent event, Notice notice, Destination destination) {
        DeliveryKey key = DeliveryKey.of(notice, destination);
        DeliveryLog.Claim claim = log.claim(key, notice.revision(), clock.instant());
        if (!claim.isNew()) {
            LOG.infof("%s %s %s → %s %s: already %s, suppressed", notice.appId(), notice.shortRevision(),
                    key.trigger(), key.channel(), key.destination(), name(claim.earlierOutcome()));
            finish(notice, key, DeliveryOutcome.SUPPRESSED, 0, null);
            return;
        }
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
                record(notice, key, DeliveryOutcome.SENT, attempts, null);
                return;
            }
            if (result instanceof SendResult.Permanent permanent) {
                fail(event, notice, key, attempts, permanent.error());
                return;
            }
            SendResult.Transient failure = (SendResult.Transient) result;
            Optional<Duration> delay = retryPolicy.nextDelay(attempts, failure, ThreadLocalRandom.current());
            if (delay.isEmpty()) {
                String why = attempts >= retryPolicy.maxAttempts() ? " (gave up after " + attempts + " attempts)"
                        : " (asked to wait " + failure.retryAfter().toSeconds() + " s, longer than allowed)";
                fail(event, notice, key, attempts, failure.error() + why);
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
    private void fail(LockstepEvent event, Notice notice, DeliveryKey key, int attempts, String error) {
        deadLetters.deadLetter(event, key, attempts, error);
        record(notice, key, DeliveryOutcome.FAILED, attempts, error);
    }

    private void record(Notice notice, DeliveryKey key, DeliveryOutcome outcome, int attempts, String error) {
        log.complete(key, outcome, attempts, error, clock.instant());
        if (outcome == DeliveryOutcome.SENT) {
            LOG.infof("%s %s %s → %s %s: sent (%d attempt%s)", notice.appId(), notice.shortRevision(), key.trigger(),
                    key.channel(), key.destination(), attempts, attempts == 1 ? "" : "s");
            Timer.builder("lockstep.notifier.delivery.latency")
                    .description("From the event's time to the message accepted by its destination")
                    .tag("channel", key.channel()).register(meters)
                    .record(Duration.between(notice.eventTime(), clock.instant()).abs());
        } else {
            LOG.warnf("%s %s %s → %s %s: failed after %d attempt%s: %s", notice.appId(), notice.shortRevision(),
                    key.trigger(), key.channel(), key.destination(), attempts, attempts == 1 ? "" : "s", error);
        }
        finish(notice, key, outcome, attempts, error);
    }

    private void finish(Notice notice, DeliveryKey key, DeliveryOutcome outcome, int attempts, String error) {
        Counter.builder("lockstep.notifier.deliveries").description("Deliveries by channel and outcome")
                .tag("channel", key.channel()).tag("outcome", name(outcome)).register(meters).increment();
        String id = EventIds.of(EventType.NOTIFICATION_DELIVERED, key.appId(), key.revisionKey(), key.trigger(),
                key.channel(), key.destination(), name(outcome));
        publisher.publish(new NotificationDelivered(id, key.appId(), notice.revision(), key.trigger(), key.channel(),
                key.destination(), outcome, attempts, error, clock.instant()));
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
}
