package io.lockstep.notifier.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.notifier.trigger.Change;
import io.lockstep.notifier.trigger.Notice;
import io.lockstep.notifier.trigger.Trigger;

/**
 * The Slack message for a notice: Block Kit blocks plus a plain {@code text} fallback (what notifications and
 * screen readers show), naming application, short SHA (linked to the commit's page when the repository URL allows),
 * author, commit subject, outcome, health, the objects concerned with a short diff, and for failures the file and
 * line.
 */
public final class SlackMessage {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Slack refuses section texts over 3,000 characters; errors are cut well before. */
    private static final int MAX_ERROR = 1_500;

    private SlackMessage() {
    }

    public static ObjectNode of(Notice notice, String channel) {
        ObjectNode message = JSON.objectNode();
        message.put("channel", channel);
        message.put("text", fallbackText(notice));

        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("emoji", true)
                .put("text", emoji(notice.trigger()) + " " + notice.appId() + " " + notice.trigger().phrase());

        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "Application", escape(notice.appId()));
        if (!notice.shortRevision().isEmpty()) {
            String url = notice.commitUrl();
            field(fields, "Revision", url.isEmpty() ? "`" + notice.shortRevision() + "`"
                    : "<" + escape(url) + "|" + notice.shortRevision() + ">");
        }
        if (!notice.author().isEmpty()) {
            field(fields, "Author", escape(notice.author()));
        }
        field(fields, "Outcome", escape(notice.outcome() == null ? notice.trigger().phrase() : notice.outcome()));
        if (notice.health() != null) {
            field(fields, "Health", escape(notice.health()));
        }

        if (!notice.subject().isEmpty()) {
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", "*Commit:* " + escape(notice.subject()));
        }
        if (!notice.location().isEmpty() || notice.error() != null) {
            StringBuilder error = new StringBuilder("*Error*");
            if (!notice.location().isEmpty()) {
                error.append(" in `").append(escape(notice.location())).append('`');
            }
            if (notice.error() != null) {
                error.append("\n```").append(escape(clip(notice.error()))).append("```");
            }
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", error.toString());
        }
        if (!notice.changes().isEmpty()) {
            StringBuilder list = new StringBuilder("*Changes*");
            for (Change change : notice.listedChanges()) {
                list.append("\n• ").append(escape(change.action())).append(' ').append(escape(change.object()));
            }
            if (notice.unlistedChanges() > 0) {
                list.append("\n… and ").append(notice.unlistedChanges()).append(" more");
            }
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", list.toString());
            String diff = notice.shortDiff();
            if (!diff.isEmpty()) {
                blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                        .put("text", "*Diff*\n```" + escape(diff) + "```");
            }
        }
        ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
        context.addObject().put("type", "mrkdwn")
                .put("text", "lockstep · " + notice.trigger().wireName() + " · " + notice.eventTime());
        return message;
    }

    /**
     * "demo/web deployed abc1234 by Alice: Add web (succeeded, healthy)" and, for failures, "— apps/web/x.yaml line 4:
     * reason".
     */
    public static String fallbackText(Notice notice) {
        StringBuilder text = new StringBuilder(notice.headline());
        if (!notice.author().isEmpty()) {
            text.append(" by ").append(notice.author());
        }
        if (!notice.subject().isEmpty()) {
            text.append(": ").append(notice.subject());
        }
        String state = notice.health() == null ? notice.outcome() : notice.outcome() + ", " + notice.health();
        if (state != null) {
            text.append(" (").append(state).append(')');
        }
        if (!notice.location().isEmpty()) {
            text.append(" — ").append(notice.location());
            if (notice.error() != null) {
                text.append(": ").append(clip(notice.error()));
            }
        } else if (notice.error() != null) {
            text.append(" — ").append(clip(notice.error()));
        }
        return escape(text.toString());
    }

    private static void field(ArrayNode fields, String label, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + value);
    }

    private static String emoji(Trigger trigger) {
        return switch (trigger) {
            case DEPLOYED -> ":white_check_mark:";
            case SYNC_FAILED, SOURCE_ERROR -> ":x:";
            case HEALTH_DEGRADED -> ":warning:";
            case HEALTH_RECOVERED -> ":large_green_circle:";
            case DRIFT_DETECTED -> ":mag:";
            case ROLLED_BACK -> ":rewind:";
        };
    }

    /** Slack's three control characters (its docs: escape &, < and >), so user text cannot forge links or mentions. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String clip(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "…";
    }
}
