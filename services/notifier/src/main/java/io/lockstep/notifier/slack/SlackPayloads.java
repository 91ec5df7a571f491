package io.lockstep.notifier.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.notifier.trigger.Notice;
import io.quarkus.qute.Template;
import java.io.IOException;

/**
 * Builds the JSON payload of the Slack message for a notice: {@link SlackMessage} by default, or the operator's Qute
 * template {@code slack/message.json}, which gets {@code notice} and {@code channel}. A payload that cannot be built
 * throws {@link IllegalArgumentException} with the reason; the delivery then fails for good.
 */
@FunctionalInterface
public interface SlackPayloads {
    String TEMPLATE = "slack/message.json";

    ObjectNode of(Notice notice, String channel);

    static SlackPayloads builtIn() {
        return SlackMessage::of;
    }

    static SlackPayloads fromTemplate(Template template) {
        ObjectMapper json = new ObjectMapper();
        return (notice, channel) -> {
            String rendered = template.data("notice", notice).data("channel", channel).render();
            JsonNode node;
            try {
                node = json.readTree(rendered);
            } catch (IOException e) {
                throw new IllegalArgumentException("the Slack template " + TEMPLATE + " did not render JSON: "
                        + e.getMessage().lines().findFirst().orElse(""), e);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the Slack template " + TEMPLATE + " did not render a JSON object");
            }
            ObjectNode message = (ObjectNode) node;
            if (!message.hasNonNull("channel")) {
                message.put("channel", channel);
            }
            return message;
        };
    }
}
