package io.lockstep.notifier.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateExtension;

/**
 * Escapes for templates that write other languages: {@code {value.json}} is a JSON string literal (quotes included),
 * {@code {value.slack}} escapes Slack's control characters ({@code &}, {@code <}, {@code >}) so user text cannot forge
 * links or mentions. Together: {@code "text": {notice.subject.slack.json}}.
 */
@TemplateExtension
public final class TemplateExtensions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateExtensions() {
    }

    static String json(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serializes", e);
        }
    }

    static String slack(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
