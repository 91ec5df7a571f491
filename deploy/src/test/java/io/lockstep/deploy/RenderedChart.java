package io.lockstep.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The chart rendered once per values set (Helm's template through helm-java) and parsed into fabric8 objects, shared
 * by every test class of this module so that each values set costs one render.
 */
final class RenderedChart {
    static final Path CHART = Path.of("helm", "lockstep");
    static final String RELEASE = "lockstep";
    static final String NAMESPACE = "lockstep-system";
    static final List<String> COMPONENTS = List.of("repo-watcher", "differ", "applier", "notifier");

    private static final Path PRODUCTION_VALUES = Path.of("src", "test", "resources", "values-production.yaml");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private static RenderedChart defaults;
    private static RenderedChart production;

    final String name;
    final String yaml;
    final List<HasMetadata> objects;

    private RenderedChart(String name, String yaml) {
        this.name = name;
        this.yaml = yaml;
        this.objects = parse(yaml);
    }

    /** Helm's multi-document output as fabric8 objects (unknown kinds as GenericKubernetesResource). */
    static List<HasMetadata> parse(String yaml) {
        return DOCUMENT_SEPARATOR.splitAsStream(yaml)
                .filter(RenderedChart::hasContent)
                .map(document -> (HasMetadata) SERIALIZATION.unmarshal(document))
                .toList();
    }

    /** The chart with its own values.yaml only. */
    static synchronized RenderedChart defaults() {
        if (defaults == null) {
            defaults = new RenderedChart("default values", render(UnaryOperator.identity()));
        }
        return defaults;
    }

    /**
     * The chart with src/test/resources/values-production.yaml: TLS + SASL Kafka, two sources, an extra cluster,
     * ServiceMonitor, PodDisruptionBudgets, namespaced RBAC, Slack and SMTP.
     */
    static synchronized RenderedChart production() {
        if (production == null) {
            production = new RenderedChart("production values", render(t -> t.withValuesFile(PRODUCTION_VALUES)));
        }
        return production;
    }

    static List<RenderedChart> both() {
        return List.of(defaults(), production());
    }

    /** Renders with extra settings; Helm's error (e.g. a schema violation) comes back as IllegalStateException. */
    static String render(UnaryOperator<TemplateCommand> settings) {
        return settings.apply(new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)).call();
    }

    static String objectName(String component) {
        return RELEASE + "-" + component;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<HasMetadata> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    Deployment deployment(String component) {
        return find(Deployment.class, objectName(component))
                .orElseThrow(() -> new AssertionError("no Deployment for " + component + " with " + name));
    }

    /** The main container's environment, by variable name. */
    Map<String, EnvVar> env(String component) {
        return deployment(component).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> b, java.util.LinkedHashMap::new));
    }

    @Override
    public String toString() {
        return name;
    }

    private static boolean hasContent(String document) {
        return document.lines().map(String::strip).anyMatch(line -> !line.isEmpty() && !line.startsWith("#"));
    }
}
