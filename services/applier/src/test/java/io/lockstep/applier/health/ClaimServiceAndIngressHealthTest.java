package io.lockstep.applier.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.model.Health;
import org.junit.jupiter.api.Test;

class ClaimServiceAndIngressHealthTest {
    private static Health of(String json) {
        return HealthRules.assess(Live.json(json)).health();
    }

    @Test
    void aClaimIsHealthyOnceBoundAndDegradedWhenItsVolumeIsLost() {
        assertThat(of("{'apiVersion':'v1','kind':'PersistentVolumeClaim','metadata':{'name':'data'},"
                + "'status':{'phase':'Bound'}}")).isEqualTo(Health.HEALTHY);
        assertThat(of("{'apiVersion':'v1','kind':'PersistentVolumeClaim','metadata':{'name':'data'},"
                + "'status':{'phase':'Pending'}}")).isEqualTo(Health.PROGRESSING);
        assertThat(of("{'apiVersion':'v1','kind':'PersistentVolumeClaim','metadata':{'name':'data'},"
                + "'status':{'phase':'Lost'}}")).isEqualTo(Health.DEGRADED);
    }

    @Test
    void aLoadBalancerServiceWaitsForItsAddressAndOtherServicesDoNot() {
        assertThat(of("{'apiVersion':'v1','kind':'Service','metadata':{'name':'web'},'spec':{'type':'LoadBalancer'},"
                + "'status':{'loadBalancer':{}}}")).isEqualTo(Health.PROGRESSING);
        assertThat(of("{'apiVersion':'v1','kind':'Service','metadata':{'name':'web'},'spec':{'type':'LoadBalancer'},"
                + "'status':{'loadBalancer':{'ingress':[{'ip':'203.0.113.7'}]}}}")).isEqualTo(Health.HEALTHY);
        assertThat(of("{'apiVersion':'v1','kind':'Service','metadata':{'name':'web'},'spec':{'type':'ClusterIP'}}"))
                .isEqualTo(Health.HEALTHY);
    }

    @Test
    void anIngressIsHealthyOnceItsControllerPublishedAnAddress() {
        assertThat(of("{'apiVersion':'networking.k8s.io/v1','kind':'Ingress','metadata':{'name':'web'},"
                + "'status':{'loadBalancer':{'ingress':[{'hostname':'lb.example.com'}]}}}")).isEqualTo(Health.HEALTHY);
        assertThat(of("{'apiVersion':'networking.k8s.io/v1','kind':'Ingress','metadata':{'name':'web'}}"))
                .isEqualTo(Health.PROGRESSING);
    }
}
