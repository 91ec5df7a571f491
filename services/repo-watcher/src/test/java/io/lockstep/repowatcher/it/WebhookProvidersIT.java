package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.TestRepo;
import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.repowatcher.support.Webhooks;
import io.lockstep.repowatcher.webhook.WebhookProvider;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class WebhookProvidersIT {
    private static final String SOURCE = WatcherSourcesResource.HOOKED;

    @TestHTTPResource("/")
    URL base;

    @Inject
    MeterRegistry meters;

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void aSignedPushFromEachProviderMakesTheWatcherFetchAndAnnounceTheCommit(WebhookProvider provider)
            throws URISyntaxException {
        try (EventCollector events = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.COMMITS);
                TestRepo repo = TestRepo.of(SOURCE)) {
            // The source is polled hourly: only the webhook can make this commit appear within the test.
            String sha = repo.write("lockstep.yaml", Manifests.lockstepYaml("web"))
                    .write("apps/web/cm.yaml", Manifests.configMap("web", provider.id()))
                    .commit("Pushed, announced by " + provider.id());
            byte[] body = Webhooks.pushPayload(provider, "refs/heads/main", sha);

            HttpResponse<String> response = Webhooks.post(uri(), SOURCE,
                    Webhooks.pushHeaders(provider, body, WatcherSourcesResource.WEBHOOK_SECRET), body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(Webhooks.outcome(response)).isEqualTo("accepted");
            await().atMost(Duration.ofSeconds(20)).until(() -> !events.events(CommitObserved.class,
                    e -> e.source().equals(SOURCE) && e.commit().revision().equals(sha)).isEmpty());
            CommitObserved observed = events.events(CommitObserved.class, e -> e.source().equals(SOURCE)).get(0);
            assertThat(observed.appId()).isEqualTo(SOURCE + "/web");
            assertThat(observed.files()).singleElement()
                    .satisfies(f -> assertThat(f.content()).contains(provider.id()));
            assertThat(meters.find("lockstep.watcher.webhook.deliveries").tag("provider", provider.id())
                    .tag("outcome", "accepted").counter()).isNotNull()
                    .satisfies(c -> assertThat(c.count()).isGreaterThanOrEqualTo(1.0));
        }
    }

    private URI uri() throws URISyntaxException {
        return base.toURI();
    }
}
