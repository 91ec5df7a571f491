package io.lockstep.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Secrets reach the services only through secretKeyRef or mounted Secret files: the chart creates no Secret, names
 * secret-looking variables only with secretKeyRef, and offers no value through which a secret could be inlined.
 */
class SecretsStayOutOfConfigMapsAndEnvTest {
    private static final Pattern SECRET_LOOKING = Pattern.compile("PASSWORD|TOKEN|JAAS|WEBHOOK|SECRET|CREDENTIAL");
    private static final String FAKE = "fake-secret-value-8c1e";

    static List<RenderedChart> renders() {
        return RenderedChart.both();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void theChartCreatesNoSecretAndEverySecretLookingVariableComesFromASecretKeyRef(RenderedChart chart) {
        assertThat(chart.all(Secret.class)).isEmpty();
        for (Deployment deployment : chart.all(Deployment.class)) {
            for (EnvVar var : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                if (SECRET_LOOKING.matcher(var.getName()).find()) {
                    assertThat(var.getValue()).as(var.getName()).isNull();
                    assertThat(var.getValueFrom().getSecretKeyRef()).as(var.getName()).isNotNull();
                }
            }
        }
    }

    /**
     * Fake secret values offered through every path a user might try. Each attempt must be refused by the schema;
     * were one ever accepted, the value must still appear in no ConfigMap and no plain env value.
     */
    @Test
    void secretValuesOfferedInlineAreRejectedOrNeverRendered() {
        Map<String, String> attempts = Map.of(
                "kafka.sasl.jaasConfig", FAKE,
                "kafka.tls.truststorePassword", FAKE,
                "postgresql.password", FAKE,
                "notifier.slack.webhookUrl", "https://hooks.slack.com/services/" + FAKE,
                "notifier.slack.botToken", "xoxb-" + FAKE,
                "notifier.smtp.password", FAKE,
                "sources.demo.credentials.token", FAKE,
                "sources.demo.url", "https://user:" + FAKE + "@git.example.com/demo.git");
        List<String> accepted = new ArrayList<>();
        attempts.forEach((key, value) -> {
            String rendered = renderOrNull(key, value);
            if (rendered != null) {
                accepted.add(key);
                assertNotInConfigMapsOrPlainEnv(rendered, value);
            }
        });
        assertThat(accepted).as("values that take a secret inline").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void configMapsHoldNoSecretValueEvenWithSecretsInTheCluster(RenderedChart chart) {
        // The Secrets the production values reference, with recognizable fake content, as they would exist in the
        // cluster: nothing in the chart reads their content, so none of it can appear in what the chart renders.
        List<String> fakeContents = List.of("SCRAM jaas " + FAKE, "pg " + FAKE, "https://hooks.slack.com/" + FAKE,
                "xoxb-" + FAKE, "smtp " + FAKE, "ghp_" + FAKE);
        for (String content : fakeContents) {
            assertThat(chart.yaml).doesNotContain(content);
        }
        assertNotInConfigMapsOrPlainEnv(chart.yaml, FAKE);
    }

    /** Renders with a valid source (so only the attempted value can be the reason for a refusal) plus the attempt. */
    private static String renderOrNull(String key, String value) {
        try {
            return RenderedChart.render(t -> t.set("sources.demo.url", "https://git.example.com/demo.git")
                    .set("sources.demo.credentials.secretName", "demo-git")
                    .set(key, value));
        } catch (IllegalStateException e) {
            String field = key.substring(key.lastIndexOf('.') + 1);
            // Refused by values.schema.json as an unknown field, or by the chart itself where a schema cannot say
            // why (a password inside a URL); either way the message names the field, never the value.
            assertThat(e.getMessage()).as(key)
                    .containsAnyOf("Additional property " + field + " is not allowed",
                            key + " must not contain a password")
                    .doesNotContain(value);
            return null;
        }
    }

    private static void assertNotInConfigMapsOrPlainEnv(String rendered, String secret) {
        RenderedChart.parse(rendered).forEach(object -> {
            for (String text : configTexts(object)) {
                assertThat(text).as("%s %s", object.getKind(), object.getMetadata().getName()).doesNotContain(secret);
            }
        });
    }

    private static List<String> configTexts(HasMetadata object) {
        if (object instanceof ConfigMap map && map.getData() != null) {
            return List.copyOf(map.getData().values());
        }
        if (object instanceof Deployment deployment) {
            return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                    .flatMap(c -> c.getEnv() == null ? Stream.empty() : c.getEnv().stream())
                    .map(EnvVar::getValue).filter(v -> v != null).toList();
        }
        return List.of();
    }
}
