package io.lockstep.notifier.email;

import io.lockstep.notifier.template.TemplateOverrides;
import io.lockstep.notifier.trigger.Notice;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The email templates: the shipped ones ({@code templates/email/notification.html} and {@code .txt}), each replaced
 * by the operator's file of the same name under {@code lockstep.notifier.templates.dir} when there is one (see
 * {@link TemplateOverrides}).
 */
@ApplicationScoped
public class EmailTemplates {
    public static final String HTML = "email/notification.html";
    public static final String TEXT = "email/notification.txt";

    private final Template html;
    private final Template text;

    public EmailTemplates(TemplateOverrides overrides, @Location(HTML) Template html, @Location(TEXT) Template text) {
        this.html = overrides.find(HTML).orElse(html);
        this.text = overrides.find(TEXT).orElse(text);
    }

    public String html(Notice notice) {
        return html.data("notice", notice).render();
    }

    public String text(Notice notice) {
        return text.data("notice", notice).render();
    }
}
