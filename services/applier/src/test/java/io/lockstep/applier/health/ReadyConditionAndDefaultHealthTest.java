package io.lockstep.applier.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.model.Health;
import org.junit.jupiter.api.Test;

class ReadyConditionAndDefaultHealthTest {
    private static HealthStatus widget(String conditions) {
        return HealthRules.assess(Live.json("{'apiVersion':'example.com/v1','kind':'Widget','metadata':"
                + "{'name':'w','generation':3},'status':{'observedGeneration':3,'conditions':" + conditions + "}}"));
    }

    @Test
    void anObjectWithAReadyConditionIsHealthyOnlyWhenReadyIsTrue() {
        assertThat(widget("[{'type':'Ready','status':'True'}]").health()).isEqualTo(Health.HEALTHY);
        HealthStatus notReady = widget("[{'type':'Ready','status':'False','message':'waiting for DNS'}]");
        assertThat(notReady.health()).isEqualTo(Health.PROGRESSING);
        assertThat(notReady.message()).isEqualTo("not ready: waiting for DNS");
    }

    @Test
    void aStalledObjectIsDegraded() {
        assertThat(widget("[{'type':'Ready','status':'False'},{'type':'Stalled','status':'True',"
                + "'message':'bad spec'}]").health()).isEqualTo(Health.DEGRADED);
    }

    @Test
    void kindsWithoutARuleAreHealthyOnceTheyExistAndAMissingObjectIsMissing() {
        assertThat(HealthRules.assess(Live.json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'}}"))
                .health()).isEqualTo(Health.HEALTHY);
        assertThat(HealthRules.assess(null).health()).isEqualTo(Health.MISSING);
    }
}
