package io.lockstep.testsupport.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One request the Slack stand-in accepted: the path it was sent to, its JSON body and its headers. */
public record SlackMessage(String path, JsonNode body, Map<String, String> headers) {
    /** The message's fallback {@code text}, or an empty string. */
    public String text() {
        return body.path("text").asText("");
    }

    /** The whole body as text, for assertions that a value appears anywhere in the message. */
    public String raw() {
        return body.toString();
    }
}
