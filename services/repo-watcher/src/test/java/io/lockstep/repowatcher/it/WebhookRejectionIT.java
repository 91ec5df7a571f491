package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.RawHttp;
import io.lockstep.repowatcher.support.TestRepo;
import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.repowatcher.support.Webhooks;
import io.lockstep.repowatcher.webhook.WebhookProvider;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every delivery that is not a genuine, fresh push to the tracked branch is refused or ignored, and counted. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class WebhookRejectionIT {
    private static final String SOURCE = WatcherSourcesResource.HOOKED;
    private static final String SECRET = WatcherSourcesResource.WEBHOOK_SECRET;
    private static final String MAIN = "refs/heads/main";

    @TestHTTPResource("/")
    URL base;

    @Inject
    MeterRegistry meters;

    @Test
    void aForgedSignatureIsRefusedWith401AndTheCommitIsNotFetchedUntilAGenuineDeliveryArrives() throws Exception {
        try (EventCollector events = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.COMMITS);
                TestRepo repo = TestRepo.of(SOURCE)) {
            String sha = repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "forged-" + UUID.randomUUID()))
                    .commit("Only a genuine webhook announces this");
            byte[] body = Webhooks.pushPayload(WebhookProvider.GITHUB, MAIN, sha);
            double forgedBefore = count("github", "forged");

            HttpResponse<String> forged = post(Webhooks.pushHeaders(WebhookProvider.GITHUB, body, "not-the-secret"),
                    body);

            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(Webhooks.outcome(forged)).isEqualTo("forged");
            assertThat(forged.body()).doesNotContain(SECRET);
            assertThat(count("github", "forged")).isEqualTo(forgedBefore + 1);
            // Nothing may come of it: the source is polled hourly, so any announcement would be the forgery's.
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> events.events(
                    CommitObserved.class, e -> e.commit().revision().equals(sha)).isEmpty());

            HttpResponse<String> genuine = post(Webhooks.pushHeaders(WebhookProvider.GITHUB, body, SECRET), body);
            assertThat(genuine.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> !events.events(CommitObserved.class,
                    e -> e.commit().revision().equals(sha)).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void aDeliveryWithoutItsSignatureIsRefusedWith401(WebhookProvider provider) {
        byte[] body = Webhooks.pushPayload(provider, MAIN, "1111111111111111111111111111111111111111");
        Map<String, String> headers = new LinkedHashMap<>(Webhooks.pushHeaders(provider, body, SECRET));
        headers.keySet().removeIf(h -> h.endsWith("Signature") || h.endsWith("Signature-256")
                || h.equals("X-Gitlab-Token"));
        if (provider == WebhookProvider.GENERIC) {
            // Without its signature header a generic delivery is recognisable by nothing: still a 401.
            headers.put("X-Lockstep-Event", "push");
        }

        HttpResponse<String> response = post(headers, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(Webhooks.outcome(response)).isEqualTo("unsigned");
    }

    @Test
    void aWrongGitLabTokenIsRefusedWith401() {
        byte[] body = Webhooks.pushPayload(WebhookProvider.GITLAB, MAIN, "2222222222222222222222222222222222222222");
        HttpResponse<String> response = post(Webhooks.pushHeaders(WebhookProvider.GITLAB, body, SECRET + "x"), body);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Webhooks.outcome(response)).isEqualTo("forged");
    }

    @Test
    void aReplayedDeliveryIsRefusedWith401EvenUnderANewDeliveryId() {
        // A push to another branch: acknowledged and ignored, so the replays below cannot be confused with fetches.
        byte[] body = Webhooks.pushPayload(WebhookProvider.GITHUB, "refs/heads/feature-" + UUID.randomUUID(),
                "3333333333333333333333333333333333333333");
        Map<String, String> headers = Webhooks.pushHeaders(WebhookProvider.GITHUB, body, SECRET);
        double replayedBefore = count("github", "replayed");

        HttpResponse<String> first = post(headers, body);
        HttpResponse<String> again = post(headers, body);
        Map<String, String> renamed = new LinkedHashMap<>(headers);
        renamed.put("X-GitHub-Delivery", UUID.randomUUID().toString());
        HttpResponse<String> underNewId = post(renamed, body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(Webhooks.outcome(first)).isEqualTo("ignored");
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(Webhooks.outcome(again)).isEqualTo("replayed");
        assertThat(underNewId.statusCode()).isEqualTo(401);
        assertThat(Webhooks.outcome(underNewId)).isEqualTo("replayed");
        assertThat(count("github", "replayed")).isEqualTo(replayedBefore + 2);
    }

    @Test
    void aGenericDeliveryWithAStaleTimestampIsRefusedWith401() {
        byte[] body = Webhooks.pushPayload(WebhookProvider.GENERIC, MAIN, "4444444444444444444444444444444444444444");
        Map<String, String> headers = Webhooks.headers(WebhookProvider.GENERIC, body, SECRET,
                UUID.randomUUID().toString(), Instant.now().minus(Duration.ofMinutes(10)));

        HttpResponse<String> response = post(headers, body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Webhooks.outcome(response)).isEqualTo("stale");
    }

    @Test
    void aGenericSignatureCoversTheTimestampSoAFreshTimestampCannotBeGraftedOntoAnOldDelivery() {
        byte[] body = Webhooks.pushPayload(WebhookProvider.GENERIC, MAIN, "5555555555555555555555555555555555555555");
        Map<String, String> old = Webhooks.headers(WebhookProvider.GENERIC, body, SECRET, "d-1",
                Instant.now().minus(Duration.ofMinutes(10)));
        Map<String, String> grafted = new LinkedHashMap<>(old);
        grafted.put("X-Lockstep-Timestamp", Long.toString(Instant.now().getEpochSecond()));

        HttpResponse<String> response = post(grafted, body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Webhooks.outcome(response)).isEqualTo("forged");
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void aSignedButMalformedPayloadIsA400WithTheReason(WebhookProvider provider) {
        byte[] notJson = ("{\"ref\": \"refs/heads/main\", " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> broken = post(Webhooks.pushHeaders(provider, notJson, SECRET), notJson);
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(400);
        assertThat(Webhooks.outcome(broken)).isEqualTo("malformed");
        assertThat(broken.body()).contains("not JSON");

        byte[] wrongShape = ("{\"refs\": [\"" + UUID.randomUUID() + "\"], \"push\": 1, \"changes\": {}, \"ref\": 7}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> shapeless = post(Webhooks.pushHeaders(provider, wrongShape, SECRET), wrongShape);
        assertThat(shapeless.statusCode()).as(shapeless.body()).isEqualTo(400);
        assertThat(shapeless.body()).contains("has no valid");
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413BeforeItIsRead() throws Exception {
        byte[] small = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Webhooks.pushHeaders(WebhookProvider.GITHUB, small, SECRET);

        // Announced as 2 MiB, and not one byte of it sent: the answer can only come from the announced length.
        assertThat(RawHttp.postAnnouncingLength(uri(), "/webhooks/" + SOURCE, headers, 2L * 1024 * 1024))
                .isEqualTo(413);
        // Chunked, no length announced: refused once more than 1 MiB has arrived.
        assertThat(RawHttp.postChunked(uri(), "/webhooks/" + SOURCE, headers, 1024 * 1024 + 64 * 1024))
                .isEqualTo(413);
    }

    @Test
    void aSourceThatIsUnknownOrHasNoWebhookSecretAnswers404() {
        byte[] body = Webhooks.pushPayload(WebhookProvider.GITHUB, MAIN, "6666666666666666666666666666666666666666");
        Map<String, String> headers = Webhooks.pushHeaders(WebhookProvider.GITHUB, body, SECRET);

        assertThat(Webhooks.post(uri(), "no-such-source", headers, body).statusCode()).isEqualTo(404);
        assertThat(Webhooks.post(uri(), "first", headers, body).statusCode()).isEqualTo(404);
    }

    @Test
    void aPingIsAcknowledgedAndIgnored() {
        byte[] body = ("{\"zen\": \"Keep it logically awesome.\", \"hook_id\": " + System.nanoTime() + "}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(Webhooks.pushHeaders(WebhookProvider.GITHUB, body, SECRET));
        headers.put("X-GitHub-Event", "ping");

        HttpResponse<String> response = post(headers, body);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(Webhooks.outcome(response)).isEqualTo("ignored");
    }

    @Test
    void aSourcePinnedToTheGenericReceiverReadsItsSecretFromAFileAndRefusesOtherProviders() {
        String source = WatcherSourcesResource.FILE_HOOK;
        try (EventCollector events = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.COMMITS);
                TestRepo repo = TestRepo.of(source)) {
            String sha = repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", "generic"))
                    .commit("Announced by the generic receiver");
            byte[] body = Webhooks.pushPayload(WebhookProvider.GENERIC, MAIN, sha);
            byte[] github = Webhooks.pushPayload(WebhookProvider.GITHUB, MAIN, sha);

            HttpResponse<String> other = Webhooks.post(uri(), source, Webhooks.pushHeaders(WebhookProvider.GITHUB,
                    github, WatcherSourcesResource.FILE_WEBHOOK_SECRET), github);
            HttpResponse<String> inlineSecret = Webhooks.post(uri(), source,
                    Webhooks.pushHeaders(WebhookProvider.GENERIC, body, SECRET), body);
            HttpResponse<String> fileSecret = Webhooks.post(uri(), source,
                    Webhooks.pushHeaders(WebhookProvider.GENERIC, body, WatcherSourcesResource.FILE_WEBHOOK_SECRET),
                    body);

            assertThat(other.statusCode()).isEqualTo(401);
            assertThat(inlineSecret.statusCode()).isEqualTo(401);
            assertThat(fileSecret.statusCode()).as(fileSecret.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> !events.events(CommitObserved.class,
                    e -> e.commit().revision().equals(sha)).isEmpty());
        }
    }

    private HttpResponse<String> post(Map<String, String> headers, byte[] body) {
        return Webhooks.post(uri(), SOURCE, headers, body);
    }

    private URI uri() {
        try {
            return base.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private double count(String provider, String outcome) {
        Counter c = meters.find("lockstep.watcher.webhook.deliveries").tag("provider", provider)
                .tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }
}
