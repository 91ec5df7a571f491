package io.lockstep.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each service's ServiceAccount may do, found the way the API server finds it: from the bindings whose subject
 * is the account, through their roleRef, to the rules.
 */
class RbacIsLeastPrivilegePerServiceTest {
    private static final List<String> READ = List.of("get", "list", "watch");

    static List<RenderedChart> renders() {
        return RenderedChart.both();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void watcherAndNotifierHaveNoRoleBindingAndMountNoToken(RenderedChart chart) {
        for (String component : List.of("repo-watcher", "notifier")) {
            assertThat(grants(chart, component)).as("%s grants with %s", component, chart).isEmpty();
            assertThat(serviceAccount(chart, component).getAutomountServiceAccountToken()).isFalse();
            assertThat(podSpec(chart, component).getAutomountServiceAccountToken()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void differMayOnlyGetListAndWatch(RenderedChart chart) {
        List<Grant> grants = grants(chart, "differ");

        assertThat(grants).isNotEmpty();
        assertThat(grants).allSatisfy(grant -> assertThat(grant.rule().getVerbs()).containsExactlyElementsOf(READ));
        assertThat(podSpec(chart, "differ").getAutomountServiceAccountToken()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void applierMayCreatePatchAndDelete(RenderedChart chart) {
        List<Grant> grants = grants(chart, "applier");

        assertThat(grants).isNotEmpty();
        assertThat(grants).allSatisfy(grant -> assertThat(grant.rule().getVerbs())
                .containsExactlyInAnyOrder("get", "list", "watch", "create", "update", "patch", "delete"));
        assertThat(podSpec(chart, "applier").getAutomountServiceAccountToken()).isTrue();
    }

    @Test
    void byDefaultDifferAndApplierReachEveryResourceClusterWideLikeArgoCd() {
        for (String component : List.of("differ", "applier")) {
            assertThat(grants(RenderedChart.defaults(), component)).singleElement().satisfies(grant -> {
                assertThat(grant.scope()).isEqualTo("ClusterRole");
                assertThat(grant.rule().getApiGroups()).containsExactly("*");
                assertThat(grant.rule().getResources()).containsExactly("*");
            });
        }
    }

    @Test
    void namespacedRbacGrantsOnlyTheListedResourcesInTheListedNamespaces() {
        for (String component : List.of("differ", "applier")) {
            List<Grant> grants = grants(RenderedChart.production(), component);

            assertThat(grants).extracting(Grant::scope).containsOnly("Role");
            assertThat(grants).extracting(Grant::namespace).containsExactlyInAnyOrder("web", "payments");
            assertThat(grants).allSatisfy(grant -> {
                assertThat(grant.rule().getApiGroups()).containsExactly("", "apps");
                assertThat(grant.rule().getResources()).containsExactly("configmaps", "services", "deployments");
            });
        }
        assertThat(RenderedChart.production().all(ClusterRole.class)).isEmpty();
        assertThat(RenderedChart.production().all(ClusterRoleBinding.class)).isEmpty();
    }

    /** One rule granted to a component's account: by a ClusterRole (namespace null) or a Role in a namespace. */
    record Grant(String scope, String namespace, PolicyRule rule) {
    }

    private static List<Grant> grants(RenderedChart chart, String component) {
        String account = RenderedChart.objectName(component);
        List<Grant> grants = new ArrayList<>();
        for (ClusterRoleBinding binding : chart.all(ClusterRoleBinding.class)) {
            if (bindsAccount(binding.getSubjects(), account)) {
                rules(chart, binding.getRoleRef(), null).forEach(r -> grants.add(new Grant("ClusterRole", null, r)));
            }
        }
        for (RoleBinding binding : chart.all(RoleBinding.class)) {
            if (bindsAccount(binding.getSubjects(), account)) {
                String namespace = binding.getMetadata().getNamespace();
                String scope = binding.getRoleRef().getKind();
                rules(chart, binding.getRoleRef(), namespace).forEach(r -> grants.add(new Grant(scope, namespace, r)));
            }
        }
        return grants;
    }

    private static boolean bindsAccount(List<Subject> subjects, String account) {
        return subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind()) && account.equals(s.getName())
                && RenderedChart.NAMESPACE.equals(s.getNamespace()));
    }

    private static List<PolicyRule> rules(RenderedChart chart, RoleRef ref, String namespace) {
        if ("ClusterRole".equals(ref.getKind())) {
            return chart.find(ClusterRole.class, ref.getName()).map(ClusterRole::getRules)
                    .orElseThrow(() -> new AssertionError("binding to missing ClusterRole " + ref.getName()));
        }
        return chart.all(Role.class).stream()
                .filter(role -> ref.getName().equals(role.getMetadata().getName())
                        && namespace.equals(role.getMetadata().getNamespace()))
                .findFirst().map(Role::getRules)
                .orElseThrow(() -> new AssertionError("binding to missing Role " + namespace + "/" + ref.getName()));
    }

    private static ServiceAccount serviceAccount(RenderedChart chart, String component) {
        return chart.find(ServiceAccount.class, RenderedChart.objectName(component))
                .orElseThrow(() -> new AssertionError("no ServiceAccount for " + component));
    }

    private static PodSpec podSpec(RenderedChart chart, String component) {
        PodSpec spec = chart.deployment(component).getSpec().getTemplate().getSpec();
        assertThat(spec.getServiceAccountName()).isEqualTo(RenderedChart.objectName(component));
        return spec;
    }
}
