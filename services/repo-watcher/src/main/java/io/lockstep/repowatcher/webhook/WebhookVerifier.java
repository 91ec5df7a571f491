package io.lockstep.repowatcher.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a delivery comes from the holder of the source's secret, then reads which refs it moved. The signature
 * is checked on the raw bytes before anything is parsed, and compared in constant time; the payload is read only for
 * the event and the ref names, as each provider documents them.
 */
public final class WebhookVerifier {
    /** Header of the generic receiver's signature: {@code sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}. */
    public static final String GENERIC_SIGNATURE = "x-lockstep-signature";
    /** Header of the generic receiver's timestamp, in Unix seconds; it is signed with the body. */
    public static final String GENERIC_TIMESTAMP = "x-lockstep-timestamp";
    /** Optional id of a generic delivery. */
    public static final String GENERIC_DELIVERY = "x-lockstep-delivery";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookVerifier() {
    }

    /**
     * @param headers request headers, names lower-cased
     * @param secret the source's webhook secret
     * @param pinned the only provider this source accepts, or empty to recognise it from the headers
     * @param maxAge how far a generic delivery's timestamp may be from {@code now}
     */
    public static Push verify(Map<String, String> headers, byte[] body, byte[] secret,
            Optional<WebhookProvider> pinned, Duration maxAge, Instant now) throws WebhookRejectedException {
        Optional<WebhookProvider> detected = WebhookProvider.detect(headers);
        if (detected.isEmpty()) {
            throw new WebhookRejectedException(WebhookOutcome.UNSIGNED,
                    "not a signed delivery of a known provider (GitHub, GitLab, Bitbucket, Gitea or generic)");
        }
        WebhookProvider provider = detected.get();
        if (pinned.isPresent() && pinned.get() != provider) {
            throw new WebhookRejectedException(WebhookOutcome.UNSIGNED,
                    "this source accepts only " + pinned.get().id() + " deliveries");
        }
        checkSignature(provider, headers, body, secret, maxAge, now);
        String event = provider == WebhookProvider.GENERIC ? headers.getOrDefault("x-lockstep-event", "push")
                : headers.get(provider.eventHeader());
        boolean push = isPush(provider, event);
        String deliveryId = deliveryId(provider, headers);
        if (!push) {
            return new Push(provider, deliveryId, event, false, List.of());
        }
        JsonNode payload = parse(body);
        return new Push(provider, deliveryId, event, true, refs(provider, payload));
    }

    /** What replay detection remembers of a delivery's content: the digest of what was signed. */
    public static String contentDigest(Map<String, String> headers, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // The generic receiver signs the timestamp with the body: a fresh timestamp makes a fresh delivery even
            // when the body is always the same.
            String ts = headers.get(GENERIC_TIMESTAMP);
            if (headers.containsKey(GENERIC_SIGNATURE) && ts != null) {
                sha.update((ts + ".").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] checkSignature(WebhookProvider provider, Map<String, String> headers, byte[] body,
            byte[] secret, Duration maxAge, Instant now) throws WebhookRejectedException {
        switch (provider) {
            case GITLAB -> {
                // GitLab sends the secret itself. Comparing digests keeps the comparison constant-time whatever
                // the lengths, so a wrong guess teaches nothing about the secret's length either.
                String token = required(headers, "x-gitlab-token", provider);
                if (!MessageDigest.isEqual(sha256(token.getBytes(StandardCharsets.UTF_8)), sha256(secret))) {
                    throw new WebhookRejectedException(WebhookOutcome.FORGED, "X-Gitlab-Token does not match");
                }
                return null;
            }
            case GITHUB -> verifyHmac(prefixed(required(headers, "x-hub-signature-256", provider),
                    "X-Hub-Signature-256"), body, secret, "X-Hub-Signature-256");
            case BITBUCKET_CLOUD, BITBUCKET_SERVER -> verifyHmac(prefixed(required(headers, "x-hub-signature",
                    provider), "X-Hub-Signature"), body, secret, "X-Hub-Signature");
            case GITEA -> verifyHmac(required(headers, "x-gitea-signature", provider), body, secret,
                    "X-Gitea-Signature");
            case GENERIC -> {
                String signature = prefixed(required(headers, GENERIC_SIGNATURE, provider), "X-Lockstep-Signature");
                String ts = required(headers, GENERIC_TIMESTAMP, provider).strip();
                byte[] prefix = (ts + ".").getBytes(StandardCharsets.UTF_8);
                byte[] signed = new byte[prefix.length + body.length];
                System.arraycopy(prefix, 0, signed, 0, prefix.length);
                System.arraycopy(body, 0, signed, prefix.length, body.length);
                verifyHmac(signature, signed, secret, "X-Lockstep-Signature");
                long seconds;
                try {
                    seconds = Long.parseLong(ts);
                } catch (NumberFormatException e) {
                    throw new WebhookRejectedException(WebhookOutcome.MALFORMED,
                            "X-Lockstep-Timestamp must be Unix seconds");
                }
                long skew = Math.abs(now.getEpochSecond() - seconds);
                if (skew > maxAge.toSeconds()) {
                    throw new WebhookRejectedException(WebhookOutcome.STALE, "X-Lockstep-Timestamp is " + skew
                            + " s away from now (at most " + maxAge.toSeconds() + " s accepted)");
                }
                return prefix;
            }
            default -> throw new IllegalStateException("unhandled provider " + provider);
        }
        return null;
    }

    private static String required(Map<String, String> headers, String name, WebhookProvider provider)
            throws WebhookRejectedException {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new WebhookRejectedException(WebhookOutcome.UNSIGNED, provider.id() + " delivery without "
                    + name + " (set the webhook's secret)");
        }
        return value;
    }

    private static String prefixed(String value, String header) throws WebhookRejectedException {
        if (!value.startsWith("sha256=")) {
            throw new WebhookRejectedException(WebhookOutcome.FORGED, header + " must be sha256=<hex>");
        }
        return value.substring("sha256=".length());
    }

    private static void verifyHmac(String hex, byte[] signed, byte[] secret, String header)
            throws WebhookRejectedException {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex.strip().toLowerCase());
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException(WebhookOutcome.FORGED, header + " is not a hex digest");
        }
        if (!MessageDigest.isEqual(hmac(secret, signed), given)) {
            throw new WebhookRejectedException(WebhookOutcome.FORGED, header + " does not match the body");
        }
    }

    /** HMAC-SHA256 of a message; public for tests and senders. */
    public static byte[] hmac(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static boolean isPush(WebhookProvider provider, String event) {
        if (event == null) {
            return false;
        }
        return switch (provider) {
            case GITHUB, GITEA, GENERIC -> event.equals("push");
            case GITLAB -> event.equals("Push Hook") || event.equals("Tag Push Hook");
            case BITBUCKET_CLOUD -> event.equals("repo:push");
            case BITBUCKET_SERVER -> event.equals("repo:refs_changed");
        };
    }

    private static String deliveryId(WebhookProvider provider, Map<String, String> headers) {
        return switch (provider) {
            case GITHUB -> headers.get("x-github-delivery");
            case GITEA -> headers.get("x-gitea-delivery");
            case GITLAB -> headers.getOrDefault("idempotency-key", headers.get("x-gitlab-event-uuid"));
            case BITBUCKET_CLOUD -> headers.get("x-request-uuid");
            case BITBUCKET_SERVER -> headers.get("x-request-id");
            case GENERIC -> headers.get(GENERIC_DELIVERY);
        };
    }

    private static JsonNode parse(byte[] body) throws WebhookRejectedException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new WebhookRejectedException(WebhookOutcome.MALFORMED, "the payload must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage();
            detail = detail == null ? "unreadable" : detail.length() > 120 ? detail.substring(0, 120) : detail;
            // The parser quotes the sender's bytes: no control characters may reach a log line through them.
            detail = detail.replaceAll("\\p{Cntrl}", "?");
            throw new WebhookRejectedException(WebhookOutcome.MALFORMED, "the payload is not JSON: " + detail);
        } catch (java.io.IOException e) {
            throw new WebhookRejectedException(WebhookOutcome.MALFORMED, "the payload cannot be read");
        }
    }

    private static List<String> refs(WebhookProvider provider, JsonNode payload) throws WebhookRejectedException {
        List<String> refs = new ArrayList<>();
        switch (provider) {
            case GITHUB, GITEA, GITLAB -> refs.add(text(payload.get("ref"), "ref"));
            case GENERIC -> {
                // The generic sender may omit the ref: then any push concerns the source (a fetch is cheap and safe).
                if (payload.hasNonNull("ref")) {
                    refs.add(text(payload.get("ref"), "ref"));
                }
            }
            case BITBUCKET_CLOUD -> {
                JsonNode changes = payload.path("push").path("changes");
                if (!changes.isArray()) {
                    throw malformed("push.changes");
                }
                for (JsonNode change : changes) {
                    // "new" is null when the branch was deleted; "old" names it then.
                    JsonNode side = change.hasNonNull("new") ? change.get("new") : change.get("old");
                    if (side == null || !side.isObject()) {
                        throw malformed("push.changes[].new");
                    }
                    String type = text(side.get("type"), "push.changes[].new.type");
                    String name = text(side.get("name"), "push.changes[].new.name");
                    refs.add(switch (type) {
                        case "branch", "named_branch" -> "refs/heads/" + name;
                        case "tag", "annotated_tag" -> "refs/tags/" + name;
                        default -> name;
                    });
                }
            }
            case BITBUCKET_SERVER -> {
                JsonNode changes = payload.get("changes");
                if (changes == null || !changes.isArray()) {
                    throw malformed("changes");
                }
                for (JsonNode change : changes) {
                    JsonNode refId = change.hasNonNull("refId") ? change.get("refId") : change.path("ref").get("id");
                    refs.add(text(refId, "changes[].refId"));
                }
            }
        }
        return refs;
    }

    private static String text(JsonNode node, String field) throws WebhookRejectedException {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw malformed(field);
        }
        return node.asText();
    }

    private static WebhookRejectedException malformed(String field) {
        return new WebhookRejectedException(WebhookOutcome.MALFORMED, "the payload has no valid '" + field
                + "' (expected the provider's documented push payload)");
    }
}
