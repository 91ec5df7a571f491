package io.lockstep.repowatcher.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.repowatcher.webhook.WebhookProvider;
import io.lockstep.repowatcher.webhook.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Sends webhook deliveries as each provider does: its documented push payload (src/test/resources/webhooks/
 * <provider>/push.json, with the pushed ref and commit filled in), its headers and its signature scheme.
 */
public final class Webhooks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private Webhooks() {
    }

    /** The provider's documented push payload for {@code ref} moving to {@code after}. */
    public static byte[] pushPayload(WebhookProvider provider, String ref, String after) {
        try (InputStream in = Webhooks.class.getResourceAsStream("/webhooks/" + provider.id() + "/push.json")) {
            ObjectNode root = (ObjectNode) JSON.readTree(in);
            String name = ref.replaceFirst("^refs/(heads|tags)/", "");
            switch (provider) {
                case GITHUB, GITEA, GENERIC -> root.put("ref", ref).put("after", after);
                case GITLAB -> root.put("ref", ref).put("after", after).put("checkout_sha", after);
                case BITBUCKET_CLOUD -> {
                    ObjectNode change = (ObjectNode) root.path("push").path("changes").get(0);
                    ObjectNode next = (ObjectNode) change.get("new");
                    next.put("name", name).put("type", ref.startsWith("refs/tags/") ? "tag" : "branch");
                    ((ObjectNode) next.get("target")).put("hash", after);
                }
                case BITBUCKET_SERVER -> {
                    ObjectNode change = (ObjectNode) root.get("changes").get(0);
                    change.put("refId", ref).put("toHash", after);
                    ((ObjectNode) change.get("ref")).put("id", ref).put("displayId", name);
                }
            }
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The headers the provider sends with a push, signed with {@code secret}. */
    public static Map<String, String> pushHeaders(WebhookProvider provider, byte[] body, String secret) {
        return headers(provider, body, secret, UUID.randomUUID().toString(), Instant.now());
    }

    public static Map<String, String> headers(WebhookProvider provider, byte[] body, String secret, String delivery,
            Instant timestamp) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        switch (provider) {
            case GITHUB -> {
                h.put("X-GitHub-Event", "push");
                h.put("X-GitHub-Delivery", delivery);
                h.put("X-GitHub-Hook-ID", "292430182");
                h.put("User-Agent", "GitHub-Hookshot/044aadd");
                h.put("X-Hub-Signature-256", "sha256=" + hmac(secret, body));
            }
            case GITLAB -> {
                h.put("X-Gitlab-Event", "Push Hook");
                h.put("X-Gitlab-Event-UUID", delivery);
                h.put("X-Gitlab-Instance", "https://gitlab.example.com");
                h.put("X-Gitlab-Token", secret);
                h.put("User-Agent", "GitLab/17.6.0");
            }
            case BITBUCKET_CLOUD -> {
                h.put("X-Event-Key", "repo:push");
                h.put("X-Request-UUID", delivery);
                h.put("X-Hook-UUID", "cb8f0e9c-5b5a-4f0e-8d1c-4b5b7ad8a2a1");
                h.put("User-Agent", "Bitbucket-Webhooks/2.0");
                h.put("X-Hub-Signature", "sha256=" + hmac(secret, body));
            }
            case BITBUCKET_SERVER -> {
                h.put("X-Event-Key", "repo:refs_changed");
                h.put("X-Request-Id", delivery);
                h.put("X-Hub-Signature", "sha256=" + hmac(secret, body));
            }
            case GITEA -> {
                h.put("X-GitHub-Event", "push");
                h.put("X-GitHub-Delivery", delivery);
                h.put("X-Gogs-Event", "push");
                h.put("X-Gitea-Event", "push");
                h.put("X-Gitea-Delivery", delivery);
                h.put("X-Gitea-Signature", hmac(secret, body));
            }
            case GENERIC -> {
                String ts = Long.toString(timestamp.getEpochSecond());
                h.put("X-Lockstep-Delivery", delivery);
                h.put("X-Lockstep-Timestamp", ts);
                h.put("X-Lockstep-Signature", "sha256=" + hmac(secret, (ts + "." + new String(body,
                        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return h;
    }

    public static String hmac(String secret, byte[] body) {
        return HexFormat.of().formatHex(WebhookVerifier.hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** POSTs a delivery to {@code <base>/webhooks/<source>} and returns the answer. */
    public static HttpResponse<String> post(URI base, String source, Map<String, String> headers, byte[] body) {
        return send(base, source, headers, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpResponse<String> send(URI base, String source, Map<String, String> headers,
            HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/webhooks/" + source))
                .timeout(Duration.ofSeconds(30)).POST(body);
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code outcome} field of the receiver's JSON answer. */
    public static String outcome(HttpResponse<String> response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            return node.path("outcome").asText();
        } catch (IOException e) {
            return "unreadable: " + response.body();
        }
    }
}
