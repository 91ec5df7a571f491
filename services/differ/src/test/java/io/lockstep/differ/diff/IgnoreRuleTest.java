package io.lockstep.differ.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockstep.contracts.model.ObjectRef;
import org.junit.jupiter.api.Test;

class IgnoreRuleTest {
    private static final ObjectRef DEPLOYMENT = new ObjectRef("apps/v1", "Deployment", "web", "web");
    private static final ObjectRef SERVICE = new ObjectRef("v1", "Service", "web", "web");

    @Test
    void aMissingSelectorPartMatchesEverything() {
        assertThat(IgnoreRule.everywhere("/spec/replicas").appliesTo("demo/web", DEPLOYMENT)).isTrue();
        assertThat(IgnoreRule.everywhere("/spec/replicas").appliesTo("demo/api", SERVICE)).isTrue();
    }

    @Test
    void everyGivenSelectorPartMustMatch() {
        IgnoreRule rule = new IgnoreRule("demo/web", "", "Service", "web", "/spec/clusterIP");

        assertThat(rule.appliesTo("demo/web", SERVICE)).isTrue();
        assertThat(rule.appliesTo("demo/api", SERVICE)).isFalse();
        assertThat(rule.appliesTo("demo/web", DEPLOYMENT)).isFalse();
        assertThat(new IgnoreRule(null, "apps", null, null, "/spec").appliesTo("demo/web", SERVICE)).isFalse();
    }

    @Test
    void aPointerThatIsNotRfc6901IsRejectedWithTheReason() {
        assertThatThrownBy(() -> IgnoreRule.everywhere("spec.replicas"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'spec.replicas' is not a JSON pointer");
    }
}
