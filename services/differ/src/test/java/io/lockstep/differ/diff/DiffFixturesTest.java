package io.lockstep.differ.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.IgnoreDifference;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.differ.render.DesiredObject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven diff tests: each file in {@code src/test/resources/diff} holds a desired object, a live object and the
 * expected outcome ({@code expect}, the changed {@code paths}, text the diff must or must not contain), and optionally
 * global {@code ignore} rules as in the differ's configuration ({@code pointer}, {@code group}, {@code kind},
 * {@code name}, {@code namespace}) and the application's own {@code appIgnore} rules as in {@code lockstep.yaml}'s
 * {@code ignoreDifferences} ({@code group}, {@code kind}, {@code name}, {@code namespace}, {@code jsonPointers}), and
 * the object as the {@code previous} revision declared it (for fields removed from the repository). The file name
 * says the behaviour.
 */
class DiffFixturesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Arguments> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(DiffFixturesTest.class.getResource("/diff").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .map(f -> Arguments.of(f.getFileName().toString().replace(".yaml", ""), f)).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void diffMatchesTheFixture(String behaviour, Path file) throws IOException {
        JsonNode fixture = YAML.readTree(file.toFile());
        ObjectNode desired = (ObjectNode) fixture.get("desired");
        JsonNode live = fixture.get("live");
        ObjectRef ref = new ObjectRef(desired.get("apiVersion").asText(), desired.get("kind").asText(),
                desired.path("metadata").path("namespace").asText(null), desired.path("metadata").get("name").asText());
        Map<String, JsonNode> liveObjects = new HashMap<>();
        if (live != null && !live.isNull()) {
            liveObjects.put(ref.key(), live);
        }

        List<IgnoreRule> global = new ArrayList<>();
        fixture.path("ignore").forEach(r -> global.add(new IgnoreRule(text(r, "group"), text(r, "kind"),
                text(r, "name"), text(r, "namespace"), text(r, "pointer"))));
        List<IgnoreDifference> differences = new ArrayList<>();
        fixture.path("appIgnore").forEach(r -> differences.add(new IgnoreDifference(text(r, "group"),
                text(r, "kind"), text(r, "name"), text(r, "namespace"), strings(r.get("jsonPointers")))));
        List<IgnoreRule> appRules = IgnoreRule.of(differences);
        List<IgnoreRule> rules = new ArrayList<>(global);
        rules.addAll(appRules);

        ObjectNode previous = fixture.get("previous") instanceof ObjectNode p ? p : null;
        Baseline baseline = previous == null ? Baseline.none()
                : new Baseline(List.of(ref), Map.of(ref.key(), previous));

        Plan plan = new Planner(global).plan("demo/web", appRules,
                List.of(new DesiredObject(ref, desired, "f.yaml", 1)), new LiveSnapshot(liveObjects), baseline);

        PlannedChange change = plan.changes().get(0);
        assertThat(change.action()).as(change.diff()).isEqualTo(ChangeAction.valueOf(fixture.get("expect").asText()));
        assertThat(change.desired()).isNotNull();
        assertThat(change.desired().has("status")).isFalse();
        if (fixture.has("paths") && live != null && !live.isNull()) {
            ObjectNode comparable = desired.deepCopy();
            List<String> paths = new ObjectDiffer().compare(comparable, previous, live, rules.stream()
                    .filter(r -> r.appliesTo(ref)).map(r -> com.fasterxml.jackson.core.JsonPointer
                            .compile(r.pointer())).toList()).stream().map(FieldChange::path).toList();
            assertThat(paths).containsExactlyInAnyOrderElementsOf(strings(fixture.get("paths")));
        }
        strings(fixture.get("diffContains")).forEach(text -> assertThat(change.diff()).contains(text));
        strings(fixture.get("diffExcludes")).forEach(text -> assertThat(change.diff()).doesNotContain(text));
    }

    private static String text(JsonNode rule, String field) {
        return rule.hasNonNull(field) ? rule.get(field).asText() : null;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
