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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class WebhookDebounceIT {
    /** Its debounce window is 3 s, so the burst below lands in one window even on a loaded machine. */
    private static final String SOURCE = WatcherSourcesResource.BURST;

    @TestHTTPResource("/")
    URL base;

    @Inject
    MeterRegistry meters;

    @Test
    void aBurstOfPushesTriggersOneFetchThatAnnouncesOnlyTheLastCommit() throws Exception {
        try (EventCollector events = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.COMMITS);
                TestRepo repo = TestRepo.of(SOURCE)) {
            double pollsBefore = polls();
            long fetchesBefore = fetches();
            List<String> shas = new ArrayList<>();
            repo.write("lockstep.yaml", Manifests.lockstepYaml("web"));
            for (int i = 0; i < 5; i++) {
                shas.add(repo.write("apps/web/cm.yaml", Manifests.configMap("web", "push " + i)).commit("Push " + i));
            }
            for (String sha : shas) {
                byte[] body = Webhooks.pushPayload(WebhookProvider.GITHUB, "refs/heads/main", sha);
                HttpResponse<String> response = Webhooks.post(base.toURI(), SOURCE,
                        Webhooks.pushHeaders(WebhookProvider.GITHUB, body, WatcherSourcesResource.WEBHOOK_SECRET),
                        body);
                assertThat(response.statusCode()).isEqualTo(202);
            }
            String last = shas.get(shas.size() - 1);

            await().atMost(Duration.ofSeconds(30)).until(() -> !events.events(CommitObserved.class,
                    e -> e.source().equals(SOURCE)).isEmpty());

            assertThat(events.events(CommitObserved.class, e -> e.source().equals(SOURCE)))
                    .singleElement().satisfies(e -> assertThat(e.commit().revision()).isEqualTo(last));
            assertThat(polls()).isEqualTo(pollsBefore + 1);
            assertThat(fetches()).isEqualTo(fetchesBefore + 1);
        }
    }

    private double polls() {
        Counter c = meters.find("lockstep.watcher.polls").tag("source", SOURCE).tag("trigger", "webhook").counter();
        return c == null ? 0 : c.count();
    }

    private long fetches() {
        Timer t = meters.find("lockstep.watcher.fetch.duration").tag("source", SOURCE).tag("outcome", "ok").timer();
        return t == null ? 0 : t.count();
    }
}
