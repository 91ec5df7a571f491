package io.lockstep.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.notifier.trigger.Change;
import io.lockstep.notifier.trigger.Notice;
import io.lockstep.notifier.trigger.Trigger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackMessageTest {
    private static final CommitInfo COMMIT = new CommitInfo("https://git.example.com/demo.git",
            "abc1234def5678abc1234def5678abc1234def56", "Ada <ada@example.com>", "ada@example.com",
            "Use <b> & friends\n\nbody", Instant.EPOCH);

    @Test
    void aFailureNamesTheFileAndLineInTheFallbackTextAndTheBlocks() {
        Notice notice = new Notice("demo/web", Trigger.SYNC_FAILED, COMMIT.revision(), COMMIT, null,
                "render failed", null, "apps/web/configmap.yaml", 4, "bad indentation", "id", Instant.EPOCH);

        ObjectNode message = SlackMessage.of(notice, "#deploys");

        assertThat(message.path("channel").asText()).isEqualTo("#deploys");
        assertThat(message.path("text").asText()).startsWith("demo/web sync failed abc1234 by Ada")
                .contains("apps/web/configmap.yaml line 4: bad indentation");
        assertThat(message.path("blocks").toString()).contains("apps/web/configmap.yaml line 4", "bad indentation");
    }

    @Test
    void slacksControlCharactersInUserTextAreEscaped() {
        Notice notice = new Notice("demo/web", Trigger.DEPLOYED, COMMIT.revision(), COMMIT, null, "succeeded",
                "healthy", null, null, null, "id", Instant.EPOCH);

        String text = SlackMessage.of(notice, "#deploys").path("text").asText();

        assertThat(text).contains("Ada &lt;ada@example.com&gt;", "Use &lt;b&gt; &amp; friends")
                .doesNotContain("<b>");
    }

    @Test
    void theRevisionLinksToTheCommitAndTheChangedObjectsAndAShortDiffAreListed() {
        CommitInfo onGitHub = new CommitInfo("https://github.com/acme/config.git", COMMIT.revision(), "Ada", null,
                "Scale web", Instant.EPOCH);
        List<Change> changes = new java.util.ArrayList<>();
        changes.add(new Change("update", "Deployment", "web", "web",
                "-replicas: 2\n+replicas: 3\n" + "x".repeat(2_000)));
        for (int i = 0; i < 12; i++) {
            changes.add(new Change("create", "ConfigMap", "web", "cfg-" + i, ""));
        }
        Notice notice = new Notice("demo/web", Trigger.DEPLOYED, COMMIT.revision(), onGitHub, null, "succeeded",
                "healthy", null, null, null, "id", Instant.EPOCH, changes);

        String blocks = SlackMessage.of(notice, "#deploys").path("blocks").toString();

        assertThat(blocks).contains("<https://github.com/acme/config/commit/" + COMMIT.revision() + "|abc1234>")
                .contains("update Deployment web/web", "create ConfigMap web/cfg-8", "and 3 more")
                .contains("+replicas: 3", "(diff truncated)")
                .doesNotContain("cfg-9");
    }
}
