package io.lockstep.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.lockstep.contracts.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The values reach the services as the configuration names they read (Quarkus env variables and properties). */
class ServicesAreWiredToKafkaPostgresSourcesAndClustersTest {

    @Test
    void defaultsPointEveryServiceAtPlaintextKafkaWith12PartitionsAndReplication3AndAtPostgres() {
        RenderedChart chart = RenderedChart.defaults();
        for (String component : RenderedChart.COMPONENTS) {
            Map<String, EnvVar> env = chart.env(component);

            assertThat(value(env, "KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("lockstep-kafka-bootstrap:9092");
            assertThat(value(env, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("PLAINTEXT");
            assertThat(value(env, "LOCKSTEP_KAFKA_CREATE_TOPICS")).isEqualTo("true");
            assertThat(value(env, "LOCKSTEP_KAFKA_PARTITIONS")).isEqualTo("12");
            assertThat(value(env, "LOCKSTEP_KAFKA_REPLICATION_FACTOR")).isEqualTo("3");
            assertThat(value(env, "QUARKUS_DATASOURCE_REACTIVE_URL"))
                    .isEqualTo("postgresql://postgresql:5432/lockstep");
            assertThat(value(env, "QUARKUS_DATASOURCE_JDBC_URL"))
                    .isEqualTo("jdbc:postgresql://postgresql:5432/lockstep");
            assertThat(value(env, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo("lockstep");
            assertThat(secretRef(env, "QUARKUS_DATASOURCE_PASSWORD"))
                    .isEqualTo(entry("lockstep-postgresql", "password"));
            assertThat(env).doesNotContainKeys("KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_LOCATION");
        }
        assertThat(properties(chart, "repo-watcher")).isEmpty();
    }

    @Test
    void tlsAndSaslKafkaUsesTheStrimziTruststoreAndJaasSecretsOnEveryService() {
        RenderedChart chart = RenderedChart.production();
        for (String component : RenderedChart.COMPONENTS) {
            Map<String, EnvVar> env = chart.env(component);

            assertThat(value(env, "KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("events-kafka-bootstrap.kafka.svc:9093");
            assertThat(value(env, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
            assertThat(value(env, "KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
            assertThat(secretRef(env, "KAFKA_SASL_JAAS_CONFIG"))
                    .isEqualTo(entry("lockstep-kafka-user", "sasl.jaas.config"));
            assertThat(value(env, "KAFKA_SSL_TRUSTSTORE_TYPE")).isEqualTo("PKCS12");
            assertThat(secretRef(env, "KAFKA_SSL_TRUSTSTORE_PASSWORD"))
                    .isEqualTo(entry("events-cluster-ca-cert", "ca.password"));
            String truststore = value(env, "KAFKA_SSL_TRUSTSTORE_LOCATION");
            assertThat(secretMountedFile(chart, component, truststore))
                    .contains(entry("events-cluster-ca-cert", "ca.p12"));
            assertThat(value(env, "LOCKSTEP_KAFKA_PARTITIONS")).isEqualTo("24");
            // Strimzi's Topic Operator owns the topics in this set-up, so the services do not create them.
            assertThat(value(env, "LOCKSTEP_KAFKA_CREATE_TOPICS")).isEqualTo("false");
            assertThat(value(env, "QUARKUS_DATASOURCE_REACTIVE_URL"))
                    .isEqualTo("postgresql://pg-rw.databases.svc:5433/gitops?sslmode=require");
            assertThat(secretRef(env, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo(entry("pg-app", "username"));
        }
    }

    @Test
    void strimziKafkaTopicsCoverEveryLockstepTopicWithTheConfiguredPartitionsAndReplicas() {
        List<GenericKubernetesResource> topics = RenderedChart.production().ofKind("KafkaTopic").stream()
                .map(GenericKubernetesResource.class::cast).toList();

        assertThat(topics).extracting(t -> t.<String>get("spec", "topicName"))
                .containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(topics).allSatisfy(topic -> {
            assertThat(topic.getMetadata().getNamespace()).isEqualTo("kafka");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "events");
            assertThat(topic.<Object>get("spec", "partitions")).isEqualTo(24);
            assertThat(topic.<Object>get("spec", "replicas")).isEqualTo(3);
        });
    }

    @Test
    void twoSourcesBecomeWatcherPropertiesWithCredentialsMountedFromTheirSecrets() {
        RenderedChart chart = RenderedChart.production();
        Properties properties = properties(chart, "repo-watcher");

        assertThat(properties).contains(
                entry("lockstep.sources.platform.url", "https://git.example.com/acme/platform-config.git"),
                entry("lockstep.sources.platform.branch", "production"),
                entry("lockstep.sources.platform.poll-interval", "30s"),
                entry("lockstep.sources.platform.credentials.username", "git"),
                entry("lockstep.sources.payments.url", "ssh://git@git.example.com/acme/payments-config.git"),
                entry("lockstep.sources.payments.branch", "main"),
                entry("lockstep.sources.payments.poll-interval", "2m"));
        assertThat(secretMountedFile(chart, "repo-watcher",
                properties.getProperty("lockstep.sources.platform.credentials.token-file")))
                .contains(entry("platform-git", "token"));
        assertThat(secretMountedFile(chart, "repo-watcher",
                properties.getProperty("lockstep.sources.payments.credentials.ssh-private-key-file")))
                .contains(entry("payments-git", "id_ed25519"));
        assertThat(secretMountedFile(chart, "repo-watcher",
                properties.getProperty("lockstep.sources.payments.credentials.ssh-known-hosts-file")))
                .contains(entry("payments-git", "known_hosts"));
        // The properties file is where Quarkus looks for it: config/ under the container's working directory.
        var container = chart.deployment("repo-watcher").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath)
                .contains(container.getWorkingDir() + "/config");
    }

    @Test
    void anExtraClusterKubeconfigIsMountedOnDifferAndApplierOnly() {
        RenderedChart chart = RenderedChart.production();
        String kubeconfig = properties(chart, "applier").getProperty("lockstep.applier.clusters.prod-eu.kubeconfig");
        for (String component : List.of("differ", "applier")) {
            assertThat(secretMountedFile(chart, component, kubeconfig)).contains(entry("prod-eu-kubeconfig", "value"));
        }
        // The differ's configuration mapping refuses keys it does not know, so none is written for it.
        assertThat(properties(chart, "differ").stringPropertyNames()).noneMatch(k -> k.contains("clusters"));
        for (String component : List.of("repo-watcher", "notifier")) {
            assertThat(volumes(chart, component)).noneMatch(v -> v.getSecret() != null
                    && "prod-eu-kubeconfig".equals(v.getSecret().getSecretName()));
        }
    }

    @Test
    void notifierGetsSlackFromSecretsAndSmtpWithImplicitTls() {
        Map<String, EnvVar> env = RenderedChart.production().env("notifier");

        assertThat(secretRef(env, "LOCKSTEP_NOTIFIER_SLACK_WEBHOOK_URL"))
                .isEqualTo(entry("lockstep-slack", "webhook-url"));
        assertThat(secretRef(env, "LOCKSTEP_NOTIFIER_SLACK_BOT_TOKEN")).isEqualTo(entry("lockstep-slack", "bot-token"));
        assertThat(value(env, "QUARKUS_MAILER_HOST")).isEqualTo("smtp.example.com");
        assertThat(value(env, "QUARKUS_MAILER_PORT")).isEqualTo("465");
        assertThat(value(env, "QUARKUS_MAILER_FROM")).isEqualTo("lockstep@example.com");
        assertThat(value(env, "QUARKUS_MAILER_TLS")).isEqualTo("true");
        assertThat(value(env, "QUARKUS_MAILER_USERNAME")).isEqualTo("lockstep");
        assertThat(secretRef(env, "QUARKUS_MAILER_PASSWORD")).isEqualTo(entry("lockstep-smtp", "password"));
        assertThat(properties(RenderedChart.production(), "notifier")).contains(
                entry("lockstep.notifier.defaults[0].on", "sync-failed,source-error"),
                entry("lockstep.notifier.defaults[0].slack", "#platform-alerts"));
        assertThat(RenderedChart.defaults().env("notifier"))
                .doesNotContainKeys("LOCKSTEP_NOTIFIER_SLACK_WEBHOOK_URL", "QUARKUS_MAILER_HOST");
    }

    @Test
    void theServiceMonitorScrapesQuarkusMetricsOfTheReleaseServices() {
        GenericKubernetesResource monitor = (GenericKubernetesResource) RenderedChart.production()
                .ofKind("ServiceMonitor").get(0);

        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(monitor.<Object>get("spec", "endpoints", 0, "path")).isEqualTo("/q/metrics");
        assertThat(monitor.<Object>get("spec", "endpoints", 0, "port")).isEqualTo("http");
        assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"))
                .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE);
        assertThat(RenderedChart.defaults().ofKind("ServiceMonitor")).isEmpty();
    }

    private static String value(Map<String, EnvVar> env, String name) {
        assertThat(env).containsKey(name);
        assertThat(env.get(name).getValueFrom()).as(name).isNull();
        return env.get(name).getValue();
    }

    private static Map.Entry<String, String> secretRef(Map<String, EnvVar> env, String name) {
        assertThat(env).containsKey(name);
        EnvVar var = env.get(name);
        assertThat(var.getValue()).as(name).isNull();
        SecretKeySelector ref = var.getValueFrom().getSecretKeyRef();
        return entry(ref.getName(), ref.getKey());
    }

    static Properties properties(RenderedChart chart, String component) {
        ConfigMap map = chart.find(ConfigMap.class, RenderedChart.objectName(component)).orElseThrow();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(map.getData().get("application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static List<Volume> volumes(RenderedChart chart, String component) {
        return chart.deployment(component).getSpec().getTemplate().getSpec().getVolumes();
    }

    /** The (Secret, key) whose content the container sees at this file path, if a Secret volume provides it. */
    private static Optional<Map.Entry<String, String>> secretMountedFile(RenderedChart chart, String component,
            String file) {
        assertThat(file).as("file path").isNotBlank();
        PodSpec pod = chart.deployment(component).getSpec().getTemplate().getSpec();
        for (VolumeMount mount : pod.getContainers().get(0).getVolumeMounts()) {
            if (!file.startsWith(mount.getMountPath() + "/")) {
                continue;
            }
            String relative = file.substring(mount.getMountPath().length() + 1);
            for (Volume volume : pod.getVolumes()) {
                if (!volume.getName().equals(mount.getName()) || volume.getSecret() == null) {
                    continue;
                }
                var items = volume.getSecret().getItems();
                if (items == null || items.isEmpty()) {
                    return Optional.of(entry(volume.getSecret().getSecretName(), relative));
                }
                return items.stream().filter(item -> item.getPath().equals(relative)).findFirst()
                        .map(item -> entry(volume.getSecret().getSecretName(), item.getKey()));
            }
        }
        return Optional.empty();
    }
}
