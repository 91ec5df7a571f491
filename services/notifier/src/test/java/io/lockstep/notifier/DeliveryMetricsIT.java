package io.lockstep.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.notifier.support.Events;
import io.lockstep.notifier.support.GreenMailResource;
import io.lockstep.notifier.support.NotifierHarness;
import io.lockstep.notifier.support.SlackStubResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.lockstep.testsupport.slack.SlackStub.Reply;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestDatabaseResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SlackStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeliveryMetricsIT extends NotifierHarness {

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @Test
    void deliveriesByChannelAndOutcomeAndRetriesAreExposedToPrometheus() throws Exception {
        SyncCompleted sync = Events.deployed(Events.app(Events.uniqueApp("metered"), Events.deployRule()),
                Events.commit("Count me"));
        slack().enqueue(Reply.status(502));

        producer.send(sync);
        awaitDeliveries(sync.appId(), 2);

        String exposition = get(metrics);
        assertThat(exposition)
                .containsPattern("lockstep_notifier_deliveries_total\\{.*channel=\"slack\".*outcome=\"sent\".*\\}")
                .containsPattern("lockstep_notifier_deliveries_total\\{.*channel=\"email\".*outcome=\"sent\".*\\}")
                .containsPattern("lockstep_notifier_retries_total\\{.*channel=\"slack\".*\\} [1-9]")
                .contains("lockstep_notifier_delivery_latency_seconds")
                .contains("lockstep_notifier_queue_depth");
        assertThat(get(ready)).contains("\"status\": \"UP\"");
    }

    private static String get(URL url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
