package io.lockstep.applier.it;

import static io.lockstep.applier.fixtures.Manifests.configMap;
import static io.lockstep.applier.fixtures.Manifests.create;
import static io.lockstep.applier.fixtures.Manifests.namespace;
import static io.lockstep.applier.fixtures.Manifests.prune;
import static io.lockstep.applier.fixtures.Manifests.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.testsupport.db.TestDatabaseResource;
import io.lockstep.testsupport.kafka.KafkaBrokerResource;
import io.lockstep.testsupport.kube.KubeApiEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TestDatabaseResource.class)
@WithTestResource(KubeApiEmulatorResource.class)
@WithTestResource(ApplierFixturesResource.class)
class EmptyDesiredSetIT extends ApplierIT {
    @Test
    void refusesToPruneAnythingWhenThePlanDesiresNothing() {
        JsonNode cm = configMap(appId, ns, "cfg", "k", "v");
        Instant t = Instant.now();
        syncAndAwait(drift("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", t, create(namespace(appId, ns)), create(cm)));

        SyncCompleted result = syncAndAwait(drift("cccccccccccccccccccccccccccccccccccccccc", t.plusSeconds(1),
                prune(ref(namespace(appId, ns))), prune(ref(cm))));

        assertThat(live(cm)).isNotNull();
        assertThat(result.results()).hasSize(2).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(ResultCode.PRUNE_SKIPPED);
            assertThat(r.message()).contains("desired set is empty");
        });
    }

    @Test
    void prunesAnEmptyDesiredSetWhenTheApplicationAllowsIt() {
        JsonNode cm = configMap(appId, ns, "cfg", "k", "v");
        Instant t = Instant.now();
        syncAndAwait(drift("dddddddddddddddddddddddddddddddddddddddd", t, create(namespace(appId, ns)), create(cm)));

        SyncCompleted result = syncAndAwait(drift("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", t.plusSeconds(1),
                automated(true, true), Duration.ofSeconds(5), prune(ref(cm))));

        assertThat(live(cm)).isNull();
        assertThat(result.results()).singleElement().extracting(r -> r.code()).isEqualTo(ResultCode.PRUNED);
    }
}
