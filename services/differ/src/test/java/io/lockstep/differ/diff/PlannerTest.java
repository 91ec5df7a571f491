package io.lockstep.differ.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.differ.render.DesiredObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final ObjectRef WEB = new ObjectRef("v1", "ConfigMap", "web", "web");
    private static final ObjectRef OLD = new ObjectRef("v1", "ConfigMap", "web", "old");
    private final Planner planner = new Planner();

    @Test
    void prunesPreviouslyDesiredObjectsThatCarryThisAppsAnnotation() {
        Plan plan = planner.plan("demo/web", List.of(desired(WEB)),
                new LiveSnapshot(Map.of(WEB.key(), live(WEB, "demo/web"), OLD.key(), live(OLD, "demo/web"))),
                List.of(WEB, OLD));

        assertThat(plan.changes()).extracting(PlannedChange::ref, PlannedChange::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(WEB, ChangeAction.NONE),
                        org.assertj.core.groups.Tuple.tuple(OLD, ChangeAction.PRUNE));
        assertThat(plan.changes().get(1).desired()).isNull();
    }

    @Test
    void doesNotPruneObjectsOwnedByAnotherAppOrAlreadyGone() {
        ObjectRef gone = new ObjectRef("v1", "ConfigMap", "web", "gone");
        Plan plan = planner.plan("demo/web", List.of(),
                new LiveSnapshot(Map.of(OLD.key(), live(OLD, "demo/other"))), List.of(OLD, gone));

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.inSync()).isTrue();
    }

    @Test
    void pairsObjectsByGroupKindNamespaceAndNameWhateverTheApiVersion() {
        ObjectRef v1 = new ObjectRef("autoscaling/v1", "HorizontalPodAutoscaler", "web", "web");
        ObjectRef v2 = new ObjectRef("autoscaling/v2", "HorizontalPodAutoscaler", "web", "web");
        Plan plan = planner.plan("demo/web", List.of(desired(v2)),
                new LiveSnapshot(Map.of(v1.key(), live(v1, "demo/web"))), List.of(v1));

        assertThat(plan.changes()).extracting(PlannedChange::action).containsExactly(ChangeAction.NONE);
    }

    private static DesiredObject desired(ObjectRef ref) {
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("apiVersion", ref.apiVersion()).put("kind", ref.kind());
        manifest.putObject("metadata").put("name", ref.name()).put("namespace", ref.namespace());
        return new DesiredObject(ref, manifest, "apps/web/x.yaml", 1);
    }

    private static JsonNode live(ObjectRef ref, String owner) {
        ObjectNode manifest = desired(ref).manifest();
        ((ObjectNode) manifest.get("metadata")).put("uid", "u").putObject("annotations").put("lockstep.io/app", owner);
        return manifest;
    }
}
