package io.lockstep.applier.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.model.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KindOrderTest {
    private static ObjectRef ref(String apiVersion, String kind, String ns, String name) {
        return new ObjectRef(apiVersion, kind, ns, name);
    }

    @Test
    void namespacesAndCrdsComeFirstThenWhatWorkloadsDependOnThenWorkloadsThenCustomResources() {
        List<ObjectRef> refs = new ArrayList<>(List.of(
                ref("example.com/v1", "Widget", "web", "w"),
                ref("apps/v1", "Deployment", "web", "web"),
                ref("v1", "Service", "web", "web"),
                ref("v1", "ConfigMap", "web", "cfg"),
                ref("v1", "Secret", "web", "s"),
                ref("v1", "ServiceAccount", "web", "sa"),
                ref("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "widgets.example.com"),
                ref("v1", "Namespace", null, "web")));

        refs.sort(KindOrder.APPLY);

        assertThat(refs).extracting(ObjectRef::kind).containsExactly("Namespace", "CustomResourceDefinition",
                "ServiceAccount", "Secret", "ConfigMap", "Service", "Deployment", "Widget");
    }

    @Test
    void objectsOfOneKindAreOrderedByNamespaceThenNameSoEveryRunAppliesInTheSameOrder() {
        List<ObjectRef> refs = new ArrayList<>(List.of(ref("v1", "ConfigMap", "b", "a"),
                ref("v1", "ConfigMap", "a", "z"), ref("v1", "ConfigMap", "a", "b")));

        refs.sort(KindOrder.APPLY);

        assertThat(refs).extracting(r -> r.namespace() + "/" + r.name()).containsExactly("a/b", "a/z", "b/a");
    }

    @Test
    void prunesRunInTheReverseOrderSoWorkloadsGoBeforeTheirNamespace() {
        List<ObjectRef> refs = new ArrayList<>(List.of(ref("v1", "Namespace", null, "web"),
                ref("v1", "ConfigMap", "web", "cfg"), ref("apps/v1", "Deployment", "web", "web")));

        refs.sort(KindOrder.PRUNE);

        assertThat(refs).extracting(ObjectRef::kind).containsExactly("Deployment", "ConfigMap", "Namespace");
    }
}
