package io.lockstep.launcher.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.AppInSync;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.SyncOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lockstep status} shows, per application, what its latest events say, whatever topic they came from. */
class StatusFoldTest {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final AppSpec WEB = new AppSpec("web", "apps/web", null, null, null, List.of());

    @Test
    void aSyncedApplicationShowsItsRevisionHealthAndLastOperation() {
        List<AppStatus> status = StatusReader.fold(List.of(
                sync("demo/web", "aaaaaaa1", "new-revision", SyncOutcome.SUCCEEDED, Health.HEALTHY, 2),
                drift("demo/web", "aaaaaaa1", 1)));

        assertThat(status).singleElement().satisfies(s -> {
            assertThat(s.app()).isEqualTo("demo/web");
            assertThat(s.revision()).isEqualTo("aaaaaaa");
            assertThat(s.sync()).isEqualTo("Synced");
            assertThat(s.health()).isEqualTo("healthy");
            assertThat(s.lastOperation()).isEqualTo("new-revision");
            assertThat(s.lastOperationOutcome()).isEqualTo("succeeded");
        });
    }

    @Test
    void aRefusedCommitShowsRenderFailedWithFileAndLineAndKeepsTheLastHealth() {
        List<AppStatus> status = StatusReader.fold(List.of(
                drift("demo/web", "aaaaaaa1", 1),
                sync("demo/web", "aaaaaaa1", "new-revision", SyncOutcome.SUCCEEDED, Health.HEALTHY, 2),
                new RenderFailed("r", "demo/web", commit("bbbbbbb2"), WEB, "apps/web/service.yaml", 8,
                        "invalid YAML", T0.plusSeconds(3))));

        assertThat(status).singleElement().satisfies(s -> {
            assertThat(s.revision()).isEqualTo("bbbbbbb");
            assertThat(s.sync()).isEqualTo("RenderFailed");
            assertThat(s.health()).isEqualTo("healthy");
            assertThat(s.message()).contains("apps/web/service.yaml").contains("8").contains("invalid YAML");
        });
    }

    @Test
    void eachApplicationGetsOneLineInNameOrder() {
        List<AppStatus> status = StatusReader.fold(List.of(
                new AppInSync("i", "demo/web", commit("ccccccc3"), WEB, 3, T0),
                sync("demo/api", "ddddddd4", "new-revision", SyncOutcome.FAILED, Health.DEGRADED, 1)));

        assertThat(status).extracting(AppStatus::app, AppStatus::sync)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("demo/api", "SyncFailed"),
                        org.assertj.core.groups.Tuple.tuple("demo/web", "Synced"));
    }

    private static LockstepEvent drift(String app, String revision, int seconds) {
        return new DriftDetected("d" + seconds, app, commit(revision), WEB, DriftDetected.NEW_REVISION, List.of(),
                T0.plusSeconds(seconds));
    }

    private static LockstepEvent sync(String app, String revision, String trigger, SyncOutcome outcome, Health health,
            int seconds) {
        Instant at = T0.plusSeconds(seconds);
        return new SyncCompleted("s" + seconds, app, "op" + seconds, commit(revision), WEB, trigger, outcome, health,
                List.of(), null, at, at, at);
    }

    private static CommitInfo commit(String revision) {
        return new CommitInfo("file:///repo.git", revision, "Ada Lovelace", "ada@example.com", "change", T0);
    }
}
