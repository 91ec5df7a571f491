package io.lockstep.notifier.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Set;

/**
 * Posts through Slack's Web API with a bot token: {@code chat.postMessage} for the first news of an (application,
 * revision, channel), then {@code chat.update} of that same message for later stages (the message's {@code ts} is
 * remembered in {@link SlackMessageRefs}). Answers are classified as Slack documents them: HTTP 429 with
 * {@code Retry-After}, 5xx and Slack's own transient codes are retried; auth, channel and payload errors are
 * permanent. The token is a secret: it travels only in the {@code Authorization} header, never in an error text.
 */
public class SlackWebApiSender implements NotificationSender {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Codes that may pass (Slack's docs for chat.postMessage and chat.update). */
    static final Set<String> TRANSIENT = Set.of("ratelimited", "rate_limited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");
    /** chat.update cannot edit the message any more: post a new one. */
    static final Set<String> REPOST = Set.of("message_not_found", "cant_update_message", "edit_window_closed");

    private final URI postMessage;
    private final URI update;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;
    private final SlackMessageRefs refs;
    private final SlackPayloads payloads;

    public SlackWebApiSender(String apiUrl, String token, Duration timeout, HttpClient http, SlackMessageRefs refs,
            SlackPayloads payloads) {
        this.payloads = payloads;
        URI base = URI.create(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        this.postMessage = base.resolve("chat.postMessage");
        this.update = base.resolve("chat.update");
        this.token = token;
        this.timeout = timeout;
        this.http = http;
        this.refs = refs;
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public SendResult send(Notice notice, String target) {
        ObjectNode payload;
        try {
            payload = payloads.of(notice, target);
        } catch (IllegalArgumentException e) {
            return SendResult.permanent(e.getMessage());
        }
        String revision = notice.revision();
        Optional<SlackMessageRefs.Ref> posted = revision == null ? Optional.empty()
                : refs.find(notice.appId(), revision, target);
        if (posted.isPresent()) {
            ObjectNode edit = payload.deepCopy();
            edit.put("channel", posted.get().channelId());
            edit.put("ts", posted.get().ts());
            Answer answer = call("chat.update", update, edit);
            if (!(answer.result instanceof SendResult.Permanent) || !REPOST.contains(answer.error)) {
                return answer.result;
            }
        }
        Answer answer = call("chat.postMessage", postMessage, payload);
        if (answer.result instanceof SendResult.Delivered && revision != null && answer.ts != null) {
            refs.save(notice.appId(), revision, target, new SlackMessageRefs.Ref(answer.channel, answer.ts));
        }
        return answer.result;
    }

    record Answer(SendResult result, String error, String channel, String ts) {
        static Answer of(SendResult result) {
            return new Answer(result, null, null, null);
        }
    }

    private Answer call(String method, URI uri, ObjectNode payload) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(payload)))
                    .build();
        } catch (IOException e) {
            return Answer.of(SendResult.permanent("cannot build the Slack message: " + e.getClass().getSimpleName()));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return Answer.of(SendResult.transientFailure("Slack " + method + " did not answer within "
                    + timeout.toMillis() + " ms"));
        } catch (IOException e) {
            return Answer.of(SendResult.transientFailure("cannot reach Slack (" + e.getClass().getSimpleName() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting to Slack", e);
        }
        return classify(method, response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
    }

    static Answer classify(String method, int status, String body, Optional<String> retryAfter) {
        String prefix = "Slack " + method + " answered ";
        if (status == 429) {
            return Answer.of(new SendResult.Transient(prefix + "429 ratelimited",
                    retryAfter.flatMap(SlackWebhookSender::seconds).orElse(null)));
        }
        if (status >= 500 || status == 408) {
            return Answer.of(SendResult.transientFailure(prefix + status));
        }
        if (status < 200 || status >= 300) {
            return Answer.of(SendResult.permanent(prefix + status));
        }
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return Answer.of(SendResult.transientFailure(prefix + status + " with a body that is not JSON"));
        }
        if (json.path("ok").asBoolean(false)) {
            return new Answer(SendResult.delivered(), null, json.path("channel").asText(null),
                    json.path("ts").asText(null));
        }
        String code = json.path("error").asText("unknown_error");
        // Only Slack's code: never echo the body, which for some errors repeats what was sent.
        String error = prefix + code;
        SendResult result = TRANSIENT.contains(code) ? SendResult.transientFailure(error) : SendResult.permanent(error);
        return new Answer(result, code, null, null);
    }
}
