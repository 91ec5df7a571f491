package io.lockstep.notifier.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.notifier.config.NotifierConfig;
import io.lockstep.notifier.delivery.NotificationSender;
import io.lockstep.notifier.delivery.SendResult;
import io.lockstep.notifier.trigger.Channel;
import io.lockstep.notifier.trigger.Notice;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts to a Slack incoming webhook and classifies Slack's answer as its documentation describes: 200 delivered;
 * 429 (with {@code Retry-After}), 5xx and connection failures transient; other 4xx ({@code invalid_payload},
 * {@code channel_not_found}, {@code no_service}, {@code action_prohibited}, {@code channel_is_archived}) permanent.
 * The webhook URL is a secret: no error text built here contains it.
 */
public class SlackWebhookSender implements NotificationSender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 120;

    private final Optional<URI> webhook;
    private final Duration timeout;
    private final HttpClient http;

    private final SlackPayloads payloads;

    public SlackWebhookSender(NotifierConfig config, HttpClient http, SlackPayloads payloads) {
        this.payloads = payloads;
        this.webhook = config.slack().webhookUrl().filter(url -> !url.isBlank()).map(url -> URI.create(url.strip()));
        this.timeout = config.slack().timeout();
        this.http = http;
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public SendResult send(Notice notice, String target) {
        if (webhook.isEmpty()) {
            return SendResult.permanent("Slack is not configured: neither lockstep.notifier.slack.webhook-url nor"
                    + " lockstep.notifier.slack.bot-token is set");
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(payloads.of(notice, target));
        } catch (JsonProcessingException e) {
            return SendResult.permanent("cannot build the Slack message: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return SendResult.permanent(e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(webhook.get())
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return SendResult.transientFailure("Slack did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            // The exception's message may name the host or URL: report only its kind.
            return SendResult.transientFailure("cannot reach Slack (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting to Slack", e);
        }
        return classify(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
    }

    static SendResult classify(int status, String body, Optional<String> retryAfter) {
        if (status >= 200 && status < 300) {
            return SendResult.delivered();
        }
        String error = "Slack answered " + status + reason(body);
        if (status == 429) {
            return new SendResult.Transient(error, retryAfter.flatMap(SlackWebhookSender::seconds).orElse(null));
        }
        if (status >= 500 || status == 408) {
            return SendResult.transientFailure(error);
        }
        return SendResult.permanent(error);
    }

    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return " " + (oneLine.length() > MAX_REASON ? oneLine.substring(0, MAX_REASON) + "…" : oneLine);
    }

    static Optional<Duration> seconds(String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            // Slack sends seconds; an HTTP date or garbage falls back to our own backoff.
            return Optional.empty();
        }
    }
}
