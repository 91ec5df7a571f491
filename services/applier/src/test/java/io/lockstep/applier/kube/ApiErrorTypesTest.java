package io.lockstep.applier.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lockstep.applier.sync.TargetException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ApiErrorTypesTest {
    private static KubernetesClientException error(int code, String message) {
        Status status = new StatusBuilder().withCode(code).withMessage(message).build();
        return new KubernetesClientException(status);
    }

    @Test
    void anImmutableFieldChangeNamesTheFieldAndIsNotRetried() {
        Status status = new StatusBuilder().withCode(422).withReason("Invalid")
                .withMessage("Deployment.apps \"web\" is invalid: spec.selector: Invalid value: "
                        + "v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}}: field is immutable")
                .withNewDetails().addNewCause().withField("spec.selector").withReason("FieldValueInvalid")
                .withMessage("Invalid value: ...: field is immutable").endCause().endDetails().build();

        TargetException e = KubeSyncTarget.failure("server-side apply refused", new KubernetesClientException(status));

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).startsWith("server-side apply refused: immutable field spec.selector changed; "
                + "the object must be deleted and re-created to change it (HTTP 422: Deployment.apps \"web\"");
    }

    @Test
    void theImmutableFieldIsFoundInTheMessageWhenTheServerGivesNoCauses() {
        TargetException e = KubeSyncTarget.failure("server-side apply refused", error(422,
                "Job.batch \"migrate\" is invalid: spec.template: Invalid value: core.PodTemplateSpec{}: "
                        + "field is immutable"));

        assertThat(e.getMessage()).contains("immutable field spec.template changed");
    }

    @Test
    void serverErrorsThrottlingAndConnectionErrorsAreTransient() {
        assertThat(KubeSyncTarget.failure("x", error(503, "unavailable")).isTransient()).isTrue();
        assertThat(KubeSyncTarget.failure("x", error(500, "etcdserver: request timed out")).isTransient()).isTrue();
        assertThat(KubeSyncTarget.failure("x", error(429, "too many requests")).isTransient()).isTrue();
        assertThat(KubeSyncTarget.failure("x", new KubernetesClientException("connect failed",
                new ConnectException("Connection refused"))).isTransient()).isTrue();
    }

    @Test
    void aConflictBecauseTheObjectChangedIsTransientButAnApplyConflictWithAnotherManagerIsNot() {
        assertThat(KubeSyncTarget.failure("x", error(409, "Operation cannot be fulfilled on deployments.apps "
                + "\"web\": the object has been modified; please apply your changes to the latest version"))
                .isTransient()).isTrue();
        TargetException conflict = KubeSyncTarget.failure("server-side apply refused", error(409,
                "Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas"));
        assertThat(conflict.isTransient()).isFalse();
        assertThat(conflict.getMessage()).contains("conflict with \"kubectl-edit\"", ".spec.replicas");
    }

    @Test
    void validationErrorsAreReportedAsTheServerSaysThem() {
        TargetException e = KubeSyncTarget.failure("server-side apply refused", error(422,
                "ConfigMap \"cfg\" is invalid: metadata.name: Invalid value: \"Cfg\""));

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).isEqualTo(
                "server-side apply refused: HTTP 422: ConfigMap \"cfg\" is invalid: metadata.name: Invalid value: \"Cfg\"");
    }
}
