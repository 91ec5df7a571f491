package io.lockstep.repowatcher.webhook;

import io.lockstep.repowatcher.tracking.TrackedRef;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Takes one webhook delivery for a source, in order: the source must exist and have a secret; the signature must
 * hold (before the body is parsed); the delivery must be new; it must be a push to the ref the source tracks. Only
 * then is a fetch requested, debounced per source. A delivery never carries content into the watcher: it only says
 * "look now".
 */
public final class WebhookReceiver {
    private static final Logger LOG = Logger.getLogger(WebhookReceiver.class);

    /** One source's webhook settings, as the receiver needs them. */
    public record Hook(String sourceId, TrackedRef tracked, Optional<WebhookProvider> provider, Duration maxAge,
            Duration debounce, SecretSource secret) {
    }

    /** Reads a source's secret when a delivery arrives (a mounted file may have been rotated). */
    @FunctionalInterface
    public interface SecretSource {
        Optional<byte[]> read();
    }

    /** Schedules a poll of a source; pushes within {@code debounce} of the first share it. */
    @FunctionalInterface
    public interface PollTrigger {
        void requestPoll(String sourceId, Duration debounce);
    }

    /** Counts deliveries by provider and outcome. */
    @FunctionalInterface
    public interface DeliveryObserver {
        void delivered(String provider, WebhookOutcome outcome);
    }

    /** What the sender is told. */
    public record Result(WebhookOutcome outcome, String message) {
    }

    private final Function<String, Optional<Hook>> hooks;
    private final DeliveryLog log;
    private final PollTrigger trigger;
    private final DeliveryObserver observer;
    private final Clock clock;

    public WebhookReceiver(Function<String, Optional<Hook>> hooks, DeliveryLog log, PollTrigger trigger,
            DeliveryObserver observer, Clock clock) {
        this.hooks = hooks;
        this.log = log;
        this.trigger = trigger;
        this.observer = observer;
        this.clock = clock;
    }

    /** @param headers the request's headers, names lower-cased */
    public Result receive(String sourceId, Map<String, String> headers, byte[] body) {
        String provider = WebhookProvider.detect(headers).map(WebhookProvider::id).orElse("unknown");
        Result result = handle(sourceId, headers, body);
        observer.delivered(provider, result.outcome());
        return result;
    }

    /** A delivery refused before it was read (over the size limit). */
    public Result tooLarge(Map<String, String> headers, long limit) {
        String provider = WebhookProvider.detect(headers).map(WebhookProvider::id).orElse("unknown");
        observer.delivered(provider, WebhookOutcome.TOO_LARGE);
        return new Result(WebhookOutcome.TOO_LARGE, "the body is over " + limit + " bytes");
    }

    private Result handle(String sourceId, Map<String, String> headers, byte[] body) {
        Optional<Hook> found = hooks.apply(sourceId);
        if (found.isEmpty()) {
            return new Result(WebhookOutcome.UNKNOWN_SOURCE, "no source with a webhook here");
        }
        Hook hook = found.get();
        Optional<byte[]> secret = hook.secret().read();
        if (secret.isEmpty()) {
            LOG.warnf("source %s: webhook delivery refused: its secret is not readable", sourceId);
            return new Result(WebhookOutcome.UNKNOWN_SOURCE, "no source with a webhook here");
        }
        Push push;
        try {
            push = WebhookVerifier.verify(headers, body, secret.get(), hook.provider(), hook.maxAge(),
                    clock.instant());
        } catch (WebhookRejectedException e) {
            LOG.infof("source %s: webhook delivery refused (%s): %s", sourceId, e.outcome().tag(), e.getMessage());
            return new Result(e.outcome(), e.getMessage());
        }
        if (!log.firstSeen(sourceId, push.provider(), push.deliveryId(),
                WebhookVerifier.contentDigest(headers, body))) {
            LOG.infof("source %s: %s delivery %s refused: seen before", sourceId, push.provider().id(),
                    push.deliveryId());
            return new Result(WebhookOutcome.REPLAYED, "this delivery was received before");
        }
        if (!push.push()) {
            return new Result(WebhookOutcome.IGNORED, "event '" + push.event() + "' is not a push; nothing to do");
        }
        boolean concerned = push.refs().isEmpty() || push.refs().stream().anyMatch(hook.tracked()::concerns);
        if (!concerned) {
            return new Result(WebhookOutcome.IGNORED, "the push does not touch " + hook.tracked().describe());
        }
        LOG.debugf("source %s: %s push %s of %s; fetching", sourceId, push.provider().id(), push.deliveryId(),
                push.refs());
        trigger.requestPoll(sourceId, hook.debounce());
        return new Result(WebhookOutcome.ACCEPTED, "a fetch of " + hook.tracked().describe() + " is scheduled");
    }
}
