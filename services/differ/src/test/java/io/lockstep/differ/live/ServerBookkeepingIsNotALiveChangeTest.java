package io.lockstep.differ.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class ServerBookkeepingIsNotALiveChangeTest {
    private final Deployment before = new DeploymentBuilder()
            .withNewMetadata().withName("web").withNamespace("web").withResourceVersion("7").withGeneration(2L)
            .addToLabels("app.kubernetes.io/managed-by", "lockstep").endMetadata()
            .withNewSpec().withReplicas(2).endSpec()
            .withNewStatus().withReadyReplicas(1).endStatus()
            .build();

    @Test
    void statusManagedFieldsAndResourceVersionChangesAreNotALiveChange() {
        Deployment after = new DeploymentBuilder(before)
                .editMetadata().withResourceVersion("8").withGeneration(3L)
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kube-controller-manager").build())
                .endMetadata()
                .editStatus().withReadyReplicas(2).withObservedGeneration(3L).endStatus()
                .build();

        assertThat(InformerLiveState.sameDeclaredState(before, after)).isTrue();
    }

    @Test
    void specLabelAndAnnotationChangesAreALiveChange() {
        assertThat(InformerLiveState.sameDeclaredState(before, new DeploymentBuilder(before)
                .editSpec().withReplicas(5).endSpec().build())).isFalse();
        assertThat(InformerLiveState.sameDeclaredState(before, new DeploymentBuilder(before)
                .editMetadata().addToAnnotations("owner", "someone").endMetadata().build())).isFalse();
    }
}
