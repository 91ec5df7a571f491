package io.lockstep.differ.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.HelmSpec;
import io.lockstep.contracts.model.SourceFile;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import io.lockstep.differ.render.ClusterScopedKinds;
import io.lockstep.differ.render.DesiredObject;
import io.lockstep.differ.render.ManifestRenderer;
import io.lockstep.differ.render.RenderException;
import io.lockstep.differ.render.RenderLimits;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Helm charts from {@code src/test/resources/helm}, rendered with the Helm library inside helm-java. */
class HelmChartRenderingTest {
    private static final AppSpec APP = new AppSpec("web", "apps/web", new Target("in-cluster", "shop"),
            new SyncPolicy(true, true, true, false), null, null);
    private final ManifestRenderer renderer = new ManifestRenderer(RenderLimits.defaults(),
            ClusterScopedKinds.builtIn(), new HelmChartRenderer());

    @Test
    void chartRendersWithItsOwnValuesWhenTheAppGivesNone() throws Exception {
        List<DesiredObject> objects = renderer.render("demo/web", APP, chart("good"));

        assertThat(objects).extracting(o -> o.ref().toString()).containsExactlyInAnyOrder(
                "Deployment shop/web", "ConfigMap shop/web-settings", "Service shop/web");
        DesiredObject deployment = object(objects, "Deployment");
        assertThat(deployment.file()).isEqualTo("apps/web/templates/deployment.yaml");
        assertThat(deployment.manifest().at("/spec/replicas").asInt()).as("values.yaml only").isEqualTo(2);
        assertThat(deployment.manifest().at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("nginx:1.27");
        assertThat(deployment.manifest().at("/metadata/annotations/lockstep.io~1app").asText()).isEqualTo("demo/web");
        assertThat(objects).filteredOn(o -> o.ref().kind().equals("Service")).singleElement()
                .satisfies(o -> assertThat(o.file()).isEqualTo("apps/web/charts/common/templates/service.yaml"));
    }

    @Test
    void valueFilesApplyInOrderAndInlineValuesOverrideThemUnderTheGivenReleaseName() throws Exception {
        AppSpec app = withHelm(new HelmSpec("shop-web", List.of("values-prod.yaml", "values-eu.yaml"),
                Map.of("replicas", 5)));

        List<DesiredObject> objects = renderer.render("demo/web", app, chart("good"));

        DesiredObject deployment = object(objects, "Deployment");
        assertThat(deployment.ref().name()).as("release name from lockstep.yaml").isEqualTo("shop-web");
        assertThat(deployment.manifest().at("/spec/replicas").asInt())
                .as("values.yaml 2, values-prod 3, values-eu 4, inline 5").isEqualTo(5);
        assertThat(deployment.manifest().at("/spec/template/spec/containers/0/image").asText())
                .as("values-eu.yaml over values.yaml").isEqualTo("nginx:1.28");
        assertThat(object(objects, "ConfigMap").manifest().at("/data/LOG_LEVEL").asText())
                .as("values-prod.yaml over values.yaml, untouched by the later layers").isEqualTo("debug");
    }

    @Test
    void missingValuesFileIsARenderFailureNamingTheFile() throws Exception {
        AppSpec app = withHelm(new HelmSpec(null, List.of("values-prod.yaml", "values-staging.yaml"), null));

        RenderException e = catchThrowableOfType(RenderException.class,
                () -> renderer.render("demo/web", app, chart("good")));

        assertThat(e.file()).isEqualTo("apps/web/values-staging.yaml");
        assertThat(e.getMessage()).contains("'values-staging.yaml'", "helm.valueFiles", "not a file of the "
                + "application folder apps/web");
    }

    @Test
    void valuesFileThatIsNotYamlFailsAtItsLine() throws Exception {
        List<SourceFile> files = new java.util.ArrayList<>(chart("good"));
        files.add(new SourceFile("values-broken.yaml", "replicas: 3\nimage: [nginx\n"));
        AppSpec app = withHelm(new HelmSpec(null, List.of("values-broken.yaml"), null));

        RenderException e = catchThrowableOfType(RenderException.class, () -> renderer.render("demo/web", app, files));

        assertThat(e.file()).isEqualTo("apps/web/values-broken.yaml");
        assertThat(e.line()).isNotNull();
    }

    @Test
    void templateErrorNamesTheTemplateFileAndLine() throws Exception {
        RenderException e = catchThrowableOfType(RenderException.class,
                () -> renderer.render("demo/web", APP, chart("template-error")));

        assertThat(e.file()).isEqualTo("apps/web/templates/deployment.yaml");
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.getMessage()).startsWith("Helm template error").contains("repository");
    }

    @Test
    void dependencyNotVendoredUnderChartsFailsClearlyWithoutNetwork() throws Exception {
        RenderException e = catchThrowableOfType(RenderException.class,
                () -> renderer.render("demo/web", APP, chart("missing-dependency")));

        assertThat(e.file()).isEqualTo("apps/web/Chart.yaml");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage()).contains("'redis'", "not vendored under charts/", "helm dependency build");
    }

    private static AppSpec withHelm(HelmSpec helm) {
        return new AppSpec(APP.name(), APP.path(), APP.target(), APP.sync(), null, null, null, helm, null);
    }

    private static DesiredObject object(List<DesiredObject> objects, String kind) {
        return objects.stream().filter(o -> o.ref().kind().equals(kind)).findFirst().orElseThrow();
    }

    private static List<SourceFile> chart(String name) throws IOException, URISyntaxException {
        Path root = Path.of(HelmChartRenderingTest.class.getResource("/helm/" + name).toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().map(f -> new SourceFile(
                    root.relativize(f).toString(), read(f))).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
