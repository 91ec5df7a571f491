package io.lockstep.differ.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.SourceFile;
import io.lockstep.contracts.model.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestRendererTest {
    private static final AppSpec APP = new AppSpec("web", "apps/web", new Target("in-cluster", "web"), null, null,
            null);
    private final ManifestRenderer renderer = new ManifestRenderer(RenderLimits.defaults(),
            ClusterScopedKinds.builtIn());

    @Test
    void rendersMultiDocumentFilesAndFoldersInPathOrderSkippingEmptyDocuments() throws RenderException {
        List<DesiredObject> objects = renderer.render("demo/web", APP, List.of(
                new SourceFile("z/service.yaml", obj("v1", "Service", "svc")),
                new SourceFile("a.yml", "---\n" + obj("v1", "ConfigMap", "one") + "---\n\n---\n# nothing\n---\n"
                        + obj("v1", "ConfigMap", "two")),
                new SourceFile("README.md", "# not a manifest"),
                new SourceFile("m/deploy.json",
                        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"}}")));

        assertThat(objects).extracting(o -> o.ref().name()).containsExactly("one", "two", "web", "svc");
        assertThat(objects).extracting(DesiredObject::file)
                .containsExactly("apps/web/a.yml", "apps/web/a.yml", "apps/web/m/deploy.json", "apps/web/z/service.yaml");
        assertThat(objects.get(1).line()).isEqualTo(11);
    }

    @Test
    void setsTheTargetNamespaceOnlyOnNamespacedObjectsThatHaveNone() throws RenderException {
        List<DesiredObject> objects = renderer.render("demo/web", APP, List.of(new SourceFile("all.yaml",
                obj("v1", "ConfigMap", "plain") + "---\n"
                        + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: elsewhere\n  namespace: other\n---\n"
                        + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n  namespace: bogus\n---\n"
                        + obj("rbac.authorization.k8s.io/v1", "ClusterRole", "reader"))));

        assertThat(objects).extracting(DesiredObject::ref).containsExactly(
                new ObjectRef("v1", "ConfigMap", "web", "plain"),
                new ObjectRef("v1", "ConfigMap", "other", "elsewhere"),
                new ObjectRef("v1", "Namespace", null, "web"),
                new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRole", null, "reader"));
        assertThat(objects.get(2).manifest().path("metadata").has("namespace")).isFalse();
    }

    @Test
    void marksEveryObjectWithTheTrackingAnnotationAndLabel() throws RenderException {
        DesiredObject object = renderer.render("demo/web", APP, List.of(new SourceFile("cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {app: web}\n"
                        + "  annotations: {lockstep.io/app: someone/else}\n"))).get(0);

        assertThat(object.manifest().at("/metadata/annotations/lockstep.io~1app").asText()).isEqualTo("demo/web");
        assertThat(object.manifest().at("/metadata/labels/app.kubernetes.io~1managed-by").asText())
                .isEqualTo("lockstep");
        assertThat(object.manifest().at("/metadata/labels/app").asText()).isEqualTo("web");
    }

    @Test
    void expandsListKinds() throws RenderException {
        List<DesiredObject> objects = renderer.render("demo/web", APP, List.of(new SourceFile("list.yaml",
                "apiVersion: v1\nkind: List\nitems:\n"
                        + "- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n"
                        + "- {apiVersion: v1, kind: Secret, metadata: {name: b}}\n")));

        assertThat(objects).extracting(o -> o.ref().kind() + "/" + o.ref().name())
                .containsExactly("ConfigMap/a", "Secret/b");
    }

    @Test
    void resolvesOrdinaryYamlAliases() throws RenderException {
        DesiredObject object = renderer.render("demo/web", APP, List.of(new SourceFile("cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: &v shared\n  b: *v\n"))).get(0);

        assertThat(object.manifest().at("/data/b").asText()).isEqualTo("shared");
    }

    @Test
    void keepsTimestampsAndOctalLookingStringsAsWritten() throws RenderException {
        DesiredObject object = renderer.render("demo/web", APP, List.of(new SourceFile("cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  day: 2026-01-02\n  mode: '0644'\n")))
                .get(0);

        assertThat(object.manifest().at("/data/day").asText()).isEqualTo("2026-01-02");
        assertThat(object.manifest().at("/data/mode").asText()).isEqualTo("0644");
    }

    @Test
    void reportsBadYamlWithTheRepoRelativeFileAndLine() {
        RenderException e = renderFails(new SourceFile("configmap.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: [1, 2\n  b: 3\n"));

        assertThat(e.file()).isEqualTo("apps/web/configmap.yaml");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.getMessage()).startsWith("invalid YAML");
    }

    @Test
    void reportsAnObjectWithoutKindAtTheLineOfItsDocument() {
        RenderException e = renderFails(new SourceFile("x.yaml",
                obj("v1", "ConfigMap", "ok") + "---\napiVersion: v1\nmetadata:\n  name: nokind\n"));

        assertThat(e.file()).isEqualTo("apps/web/x.yaml");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.getMessage()).isEqualTo("object 'nokind' has no kind");
    }

    @Test
    void reportsAnObjectWithoutNameOrApiVersion() {
        assertThat(renderFails(new SourceFile("x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"))
                .getMessage()).isEqualTo("ConfigMap has no metadata.name");
        assertThat(renderFails(new SourceFile("x.yaml", "kind: ConfigMap\nmetadata: {name: a}\n")).getMessage())
                .isEqualTo("object 'a' has no apiVersion");
        assertThat(renderFails(new SourceFile("x.yaml", "apiVersion: v1\nkind: ConfigMap\n")).getMessage())
                .contains("has no metadata");
    }

    @Test
    void reportsTheSameObjectDeclaredTwiceWithBothLocations() {
        RenderException e = renderFails(new SourceFile("a.yaml", obj("v1", "ConfigMap", "dup")),
                new SourceFile("b/b.yaml", "# leading comment\n" + obj("v1", "ConfigMap", "dup")));

        assertThat(e.file()).isEqualTo("apps/web/b/b.yaml");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).isEqualTo("ConfigMap web/dup is declared twice: also in apps/web/a.yaml line 1");
    }

    @Test
    void refusesDuplicateKeysWithTheirLine() {
        RenderException e = renderFails(new SourceFile("x.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: 1\n  k: 2\n"));

        assertThat(e.line()).isEqualTo(6);
        assertThat(e.getMessage()).contains("duplicate key k");
    }

    @Test
    void refusesDocumentsThatAreNotMappings() {
        RenderException e = renderFails(new SourceFile("x.yaml", "- a\n- b\n"));

        assertThat(e.getMessage()).isEqualTo("a manifest must be a mapping (an object), found array");
    }

    @Test
    void reportsInvalidJsonWithLine() {
        RenderException e = renderFails(new SourceFile("x.json", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": }\n"));

        assertThat(e.file()).isEqualTo("apps/web/x.json");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void refusesAYamlAliasBomb() {
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        bomb.append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            bomb.append("]\n");
        }

        RenderException e = renderFails(new SourceFile("bomb.yaml", bomb.toString()));

        assertThat(e.file()).isEqualTo("apps/web/bomb.yaml");
        assertThat(e.getMessage()).containsAnyOf("aliases", "expands");
    }

    @Test
    void refusesAnAliasBombBelowTheAliasCountByItsExpandedSize() {
        ManifestRenderer strict = new ManifestRenderer(new RenderLimits(1 << 20, 100, 10_000),
                ClusterScopedKinds.builtIn());
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        bomb.append("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'e'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            }
            bomb.append("]\n");
        }

        RenderException e = catchThrowableOfType(RenderException.class,
                () -> strict.render("demo/web", APP, List.of(new SourceFile("bomb.yaml", bomb.toString()))));

        assertThat(e.getMessage()).contains("expands to more than 10000 values");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void refusesAFileOverTheSizeLimit() {
        ManifestRenderer small = new ManifestRenderer(new RenderLimits(1000, 100, 1_000_000),
                ClusterScopedKinds.builtIn());
        String huge = obj("v1", "ConfigMap", "big") + "data:\n  blob: " + "x".repeat(2000) + "\n";

        RenderException e = catchThrowableOfType(RenderException.class,
                () -> small.render("demo/web", APP, List.of(new SourceFile("big.yaml", huge))));

        assertThat(e.file()).isEqualTo("apps/web/big.yaml");
        assertThat(e.getMessage()).contains("over the limit of 1000");
    }

    @Test
    void rendersALargeLegitimateDocument() throws RenderException {
        StringBuilder big = new StringBuilder(obj("v1", "ConfigMap", "big")).append("data:\n");
        for (int i = 0; i < 20_000; i++) {
            big.append("  key").append(i).append(": value").append(i).append('\n');
        }

        List<DesiredObject> objects = renderer.render("demo/web", APP, List.of(new SourceFile("big.yaml",
                big.toString())));

        assertThat(objects.get(0).manifest().get("data").size()).isEqualTo(20_000);
    }

    @Test
    void refusesARecursiveAlias() {
        RenderException e = renderFails(new SourceFile("x.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: &d\n  self: *d\n"));

        assertThat(e.file()).isEqualTo("apps/web/x.yaml");
    }

    private RenderException renderFails(SourceFile... files) {
        RenderException e = catchThrowableOfType(RenderException.class,
                () -> renderer.render("demo/web", APP, List.of(files)));
        assertThat(e).as("a render error").isNotNull();
        return e;
    }

    private static String obj(String apiVersion, String kind, String name) {
        return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n";
    }
}
