package io.lockstep.deploy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * values.schema.json (and the chart itself, where a schema cannot say why) turns a wrong value into an error naming
 * the field and what was expected.
 */
class ValuesSchemaTest {

    @Test
    void aPartitionCountThatIsNotANumberIsRejectedNamingTheField() {
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("kafka.topics.partitions", "many")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kafka.topics.partitions")
                .hasMessageContaining("Expected: integer, given: string");
    }

    @Test
    void anUnknownSaslMechanismIsRejectedListingTheAllowedOnes() {
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("kafka.sasl.mechanism", "GSSAPI")))
                .hasMessageContaining("kafka.sasl.mechanism")
                .hasMessageContaining("SCRAM-SHA-512");
    }

    @Test
    void saslWithoutTheSecretHoldingTheJaasConfigIsRejected() {
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("kafka.sasl.enabled", true)))
                .hasMessageContaining("kafka.sasl.jaasConfigSecret");
    }

    @Test
    void anRbacScopeOtherThanClusterOrNamespacedIsRejected() {
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("applier.rbac.scope", "everywhere")))
                .hasMessageContaining("applier.rbac.scope")
                .hasMessageContaining("namespaced");
    }

    @Test
    void aMisspelledKeyIsRejectedInsteadOfSilentlyIgnored() {
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("kafka.bootstrapServer", "kafka:9092")))
                .hasMessageContaining("bootstrapServer");
    }

    @Test
    void aSourceUrlWithAPasswordIsRefusedPointingToCredentials() {
        String url = "https://me:hunter2@git.example.com/r.git";

        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("sources.demo.url", url)))
                .hasMessageContaining("sources.demo.url must not contain a password")
                .hasMessageContaining("sources.demo.credentials")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aSourceWithoutUrlIsRejected() {
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("sources.demo.branch", "main")))
                .hasMessageContaining("url is required");
    }
}
