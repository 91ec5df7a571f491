package io.lockstep.repowatcher.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockstep.repowatcher.support.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Signatures and payloads as the providers document them, checked without a server. */
class WebhookVerifierTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    @Test
    void githubsOwnDocumentedExampleSignatureVerifies() throws Exception {
        // docs.github.com "Validating webhook deliveries": secret "It's a Secret to Everybody", payload
        // "Hello, World!" gives this X-Hub-Signature-256.
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        assertThat(Webhooks.hmac(SECRET, body))
                .isEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void eachProvidersDocumentedPushIsRecognisedVerifiedAndReadForItsRef(WebhookProvider provider) throws Exception {
        byte[] body = Webhooks.pushPayload(provider, "refs/heads/main", "abc");
        Push push = WebhookVerifier.verify(lower(Webhooks.pushHeaders(provider, body, SECRET)), body,
                SECRET.getBytes(StandardCharsets.UTF_8), Optional.empty(), MAX_AGE, Instant.now());

        assertThat(push.provider()).isEqualTo(provider);
        assertThat(push.push()).isTrue();
        assertThat(push.refs()).containsExactly("refs/heads/main");
        assertThat(push.deliveryId()).isNotBlank();
    }

    @Test
    void aBitbucketCloudTagPushAndABranchDeletionNameTheirRefs() throws Exception {
        byte[] body = ("{\"push\":{\"changes\":[{\"new\":{\"type\":\"tag\",\"name\":\"v1.2.0\"},\"old\":null},"
                + "{\"new\":null,\"old\":{\"type\":\"branch\",\"name\":\"gone\"}}]}}").getBytes(StandardCharsets.UTF_8);
        Push push = WebhookVerifier.verify(lower(Webhooks.pushHeaders(WebhookProvider.BITBUCKET_CLOUD, body, SECRET)),
                body, SECRET.getBytes(StandardCharsets.UTF_8), Optional.empty(), MAX_AGE, Instant.now());
        assertThat(push.refs()).containsExactly("refs/tags/v1.2.0", "refs/heads/gone");
    }

    @Test
    void aTamperedBodyFailsEveryHmacProvider() {
        for (WebhookProvider provider : WebhookProvider.values()) {
            if (provider == WebhookProvider.GITLAB) {
                continue;
            }
            byte[] body = Webhooks.pushPayload(provider, "refs/heads/main", "abc");
            Map<String, String> headers = lower(Webhooks.pushHeaders(provider, body, SECRET));
            byte[] tampered = Webhooks.pushPayload(provider, "refs/heads/main", "abd");
            assertThatThrownBy(() -> WebhookVerifier.verify(headers, tampered, SECRET.getBytes(StandardCharsets.UTF_8),
                    Optional.empty(), MAX_AGE, Instant.now()))
                    .as(provider.id()).isInstanceOfSatisfying(WebhookRejectedException.class,
                            e -> assertThat(e.outcome()).isEqualTo(WebhookOutcome.FORGED));
        }
    }

    @Test
    void aSignatureThatIsNotHexIsForgedNotACrash() {
        byte[] body = Webhooks.pushPayload(WebhookProvider.GITHUB, "refs/heads/main", "abc");
        Map<String, String> headers = lower(Webhooks.pushHeaders(WebhookProvider.GITHUB, body, SECRET));
        headers.put("x-hub-signature-256", "sha256=zz-not-hex");
        assertThatThrownBy(() -> WebhookVerifier.verify(headers, body, SECRET.getBytes(StandardCharsets.UTF_8),
                Optional.empty(), MAX_AGE, Instant.now())).isInstanceOfSatisfying(WebhookRejectedException.class,
                        e -> assertThat(e.outcome()).isEqualTo(WebhookOutcome.FORGED));
    }

    @Test
    void giteaIsRecognisedAsGiteaAlthoughItAlsoSendsGithubsHeaders() {
        Map<String, String> headers = Map.of("x-github-event", "push", "x-gitea-event", "push");
        assertThat(WebhookProvider.detect(headers)).contains(WebhookProvider.GITEA);
        assertThat(WebhookProvider.detect(Map.of("x-event-key", "repo:refs_changed", "x-request-id", "1")))
                .contains(WebhookProvider.BITBUCKET_SERVER);
        assertThat(WebhookProvider.detect(Map.of("x-event-key", "repo:push", "x-request-uuid", "1")))
                .contains(WebhookProvider.BITBUCKET_CLOUD);
    }

    private static Map<String, String> lower(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }
}
