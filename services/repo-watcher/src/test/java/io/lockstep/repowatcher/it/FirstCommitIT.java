package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.model.SourceFile;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.TestRepo;
import io.lockstep.repowatcher.support.WatcherSourcesResource;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.EventCollector;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kafka.ReceivedEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(WatcherSourcesResource.class)
class FirstCommitIT {
    private static final String SOURCE = "first";

    @Inject
    MeterRegistry meters;

    @Test
    void theFirstCommitAnnouncesEveryApplicationWithItsFilesAndTheCommit() {
        try (EventCollector events = EventCollector.open(KafkaBroker.bootstrapServers(), Topics.COMMITS);
                TestRepo repo = TestRepo.of(SOURCE)) {
            String sha = repo.write("lockstep.yaml", """
                    apiVersion: lockstep.io/v1
                    applications:
                      - name: web
                        path: apps/web
                        target: { cluster: in-cluster, namespace: web }
                        sync: { automated: true, prune: true, selfHeal: true }
                        health: { timeout: 60s }
                        notify:
                          - on: [deployed, sync-failed, health-degraded]
                            slack: "#deploys"
                            email: team@example.com
                      - name: api
                        path: ./apps/api/
                    """)
                    .write("apps/web/deployment.yaml", Manifests.configMap("web", "1"))
                    .write("apps/web/nested/service.yaml", Manifests.configMap("web-svc", "1"))
                    .write("apps/api/configmap.yaml", Manifests.configMap("api", "1"))
                    .write("README.md", "not part of any application")
                    .commit("Add web and api\n\nBoth start small.");

            await().atMost(Duration.ofSeconds(20)).until(() -> fromSource(events).size() >= 2);
            List<ReceivedEvent> received = fromSource(events);
            assertThat(received).extracting(ReceivedEvent::key).containsExactlyInAnyOrder("first/web", "first/api");

            ReceivedEvent webRecord = received.stream().filter(r -> r.key().equals("first/web")).findFirst()
                    .orElseThrow();
            CommitObserved web = (CommitObserved) webRecord.event();
            assertThat(web.id()).isEqualTo(EventIds.of(EventType.COMMIT_OBSERVED, "first/web", sha));
            assertThat(web.source()).isEqualTo(SOURCE);
            assertThat(web.files()).extracting(SourceFile::path)
                    .containsExactlyInAnyOrder("deployment.yaml", "nested/service.yaml");
            assertThat(web.files()).filteredOn(f -> f.path().equals("deployment.yaml")).first()
                    .extracting(SourceFile::content).isEqualTo(Manifests.configMap("web", "1"));
            assertThat(web.commit().revision()).isEqualTo(sha);
            assertThat(web.commit().author()).isEqualTo(TestRepo.AUTHOR);
            assertThat(web.commit().authorEmail()).isEqualTo(TestRepo.EMAIL);
            assertThat(web.commit().subject()).isEqualTo("Add web and api");
            assertThat(web.commit().repoUrl()).startsWith("file:").contains("/first/origin.git");
            assertThat(web.commit().committedAt()).isCloseTo(Instant.now(), within(5, ChronoUnit.MINUTES));
            assertThat(web.app().target().namespace()).isEqualTo("web");
            assertThat(web.app().sync().prune()).isTrue();
            assertThat(web.app().health().timeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(web.app().notifications()).singleElement().satisfies(rule -> {
                assertThat(rule.on()).containsExactly("deployed", "sync-failed", "health-degraded");
                assertThat(rule.slack()).isEqualTo("#deploys");
            });
            assertThat(webRecord.headers())
                    .containsEntry("ce_type", "io.lockstep.commit.observed.v1")
                    .containsEntry("ce_id", web.id())
                    .containsEntry("ce_source", "/lockstep/repo-watcher")
                    .containsEntry("ce_subject", "first/web")
                    .containsEntry("ce_specversion", "1.0");

            assertThat(meters.find("lockstep.watcher.commits.observed").tag("source", SOURCE).counter())
                    .isNotNull().satisfies(c -> assertThat(c.count()).isEqualTo(1.0));
            assertThat(meters.find("lockstep.watcher.fetch.duration").tag("source", SOURCE).timer()).isNotNull();
            assertThat(meters.find("lockstep.watcher.errors").tag("source", SOURCE).tag("reason", "ref-not-found")
                    .counter()).isNotNull();

            CommitObserved api = (CommitObserved) received.stream().filter(r -> r.key().equals("first/api"))
                    .findFirst().orElseThrow().event();
            assertThat(api.app().path()).isEqualTo("apps/api");
            assertThat(api.files()).extracting(SourceFile::path).containsExactly("configmap.yaml");
        }
    }

    private static List<ReceivedEvent> fromSource(EventCollector events) {
        return events.received().stream().filter(r -> r.event() instanceof CommitObserved c
                && c.source().equals(SOURCE)).toList();
    }
}
