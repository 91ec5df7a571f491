package io.lockstep.notifier.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A templates folder overriding the plain-text email and the Slack message (not the HTML email), as an operator
 * would configure it.
 */
public class TemplateOverridesResource implements QuarkusTestResourceLifecycleManager {
    public static final String MARKER = "ACME deploy bot";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("lockstep-templates");
            Files.createDirectories(dir.resolve("email"));
            Files.writeString(dir.resolve("email/notification.txt"), """
                    {@io.lockstep.notifier.trigger.Notice notice}
                    %s: {notice.appId} is {notice.outcome} at {notice.shortRevision}{#if notice.commitUrl} ({notice.commitUrl}){/if}
                    {#for change in notice.changes}
                    * {change.action} {change.object}
                    {/for}
                    """.formatted(MARKER));
            Files.createDirectories(dir.resolve("slack"));
            Files.writeString(dir.resolve("slack/message.json"), """
                    {@io.lockstep.notifier.trigger.Notice notice}
                    {
                      "text": {notice.headline.slack.json},
                      "blocks": [
                        { "type": "header", "text": { "type": "plain_text", "text": "%s" } },
                        { "type": "section", "text": { "type": "mrkdwn", "text": {notice.headline.slack.json} } },
                        { "type": "context", "elements": [ { "type": "mrkdwn", "text": {notice.subject.slack.json} } ] }
                      ]
                    }
                    """.formatted(MARKER));
            return Map.of("lockstep.notifier.templates.dir", dir.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }
}
