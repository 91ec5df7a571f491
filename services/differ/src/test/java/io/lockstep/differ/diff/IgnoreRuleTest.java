package io.lockstep.differ.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockstep.contracts.model.IgnoreDifference;
import io.lockstep.contracts.model.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreRuleTest {
    private static final ObjectRef DEPLOYMENT = new ObjectRef("apps/v1", "Deployment", "web", "web");
    private static final ObjectRef SERVICE = new ObjectRef("v1", "Service", "web", "web");
    private static final ObjectRef CLUSTER_ROLE = new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRole", null,
            "web-reader");

    @Test
    void aMissingSelectorPartMatchesEverything() {
        assertThat(IgnoreRule.everywhere("/spec/replicas").appliesTo(DEPLOYMENT)).isTrue();
        assertThat(IgnoreRule.everywhere("/spec/replicas").appliesTo(CLUSTER_ROLE)).isTrue();
    }

    @Test
    void everyGivenSelectorPartMustMatch() {
        IgnoreRule rule = new IgnoreRule("", "Service", "web", "web", "/spec/clusterIP");

        assertThat(rule.appliesTo(SERVICE)).isTrue();
        assertThat(rule.appliesTo(new ObjectRef("v1", "Service", "staging", "web"))).isFalse();
        assertThat(rule.appliesTo(DEPLOYMENT)).isFalse();
        assertThat(new IgnoreRule("apps", null, null, null, "/spec").appliesTo(SERVICE)).isFalse();
        assertThat(new IgnoreRule(null, null, null, "web", "/metadata").appliesTo(CLUSTER_ROLE)).isFalse();
    }

    @Test
    void coreNamesTheCoreGroup() {
        assertThat(new IgnoreRule("core", "Service", null, null, "/spec").appliesTo(SERVICE)).isTrue();
    }

    @Test
    void anIgnoreDifferencesEntryGivesOneRulePerPointerWithItsSelector() {
        List<IgnoreRule> rules = IgnoreRule.of(List.of(new IgnoreDifference("apps", "Deployment", null, "web",
                List.of("/spec/replicas", "/spec/template/metadata/annotations"))));

        assertThat(rules).extracting(IgnoreRule::pointer)
                .containsExactly("/spec/replicas", "/spec/template/metadata/annotations");
        assertThat(rules).allMatch(r -> r.appliesTo(DEPLOYMENT) && !r.appliesTo(SERVICE));
    }

    @Test
    void aPointerThatIsNotRfc6901IsRejectedWithTheReason() {
        assertThatThrownBy(() -> IgnoreRule.everywhere("spec.replicas"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'spec.replicas' is not a JSON pointer");
    }
}
