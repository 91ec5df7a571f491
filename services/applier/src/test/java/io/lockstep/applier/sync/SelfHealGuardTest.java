package io.lockstep.applier.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.applier.health.FakeTime;
import io.lockstep.contracts.model.ObjectRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfHealGuardTest {
    private static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "web", "web");
    private static final ObjectRef CFG = new ObjectRef("v1", "ConfigMap", "web", "cfg");

    private final FakeTime time = new FakeTime();
    private final SelfHealGuard guard = new SelfHealGuard(time, 3, Duration.ofMinutes(2), Duration.ofMinutes(5));

    private SelfHealGuard.Verdict heal(ObjectRef ref) {
        return guard.admit("demo/web", List.of(ref)).verdict();
    }

    @Test
    void healsAnObjectThatDriftsNowAndThen() {
        for (int i = 0; i < 10; i++) {
            assertThat(heal(WEB)).isEqualTo(SelfHealGuard.Verdict.HEAL);
            time.pause(Duration.ofMinutes(1));
        }
    }

    @Test
    void reportsAFightOnceWhenTheSameObjectKeepsDriftingThenBacksOff() {
        assertThat(heal(WEB)).isEqualTo(SelfHealGuard.Verdict.HEAL);
        assertThat(heal(WEB)).isEqualTo(SelfHealGuard.Verdict.HEAL);
        assertThat(heal(WEB)).isEqualTo(SelfHealGuard.Verdict.HEAL);

        SelfHealGuard.Decision fight = guard.admit("demo/web", List.of(WEB));

        assertThat(fight.verdict()).isEqualTo(SelfHealGuard.Verdict.FIGHT);
        assertThat(fight.reason()).isEqualTo("fighting with another controller: Deployment web/web was changed in "
                + "the cluster 4 times within 2m and healed each time; self-heal of it pauses for 5m");
        assertThat(heal(WEB)).isEqualTo(SelfHealGuard.Verdict.BACKING_OFF);
        assertThat(heal(CFG)).as("other objects are still healed").isEqualTo(SelfHealGuard.Verdict.HEAL);

        time.pause(Duration.ofMinutes(5));
        assertThat(heal(WEB)).isEqualTo(SelfHealGuard.Verdict.HEAL);
    }

    @Test
    void theBackoffDoublesForEveryFurtherFightOverTheSameObject() {
        for (int i = 0; i < 3; i++) {
            heal(WEB);
        }
        assertThat(heal(WEB)).isEqualTo(SelfHealGuard.Verdict.FIGHT);
        time.pause(Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            heal(WEB);
        }

        SelfHealGuard.Decision again = guard.admit("demo/web", List.of(WEB));

        assertThat(again.reason()).endsWith("pauses for 10m");
    }
}
