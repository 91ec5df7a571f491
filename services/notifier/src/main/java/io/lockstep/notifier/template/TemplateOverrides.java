package io.lockstep.notifier.template;

import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.notifier.config.NotifierConfig;
import io.lockstep.notifier.trigger.Change;
import io.lockstep.notifier.trigger.Notice;
import io.lockstep.notifier.trigger.Trigger;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The operator's template overrides: the file named like a shipped template (e.g. {@code email/notification.txt},
 * {@code slack/message.json}) under {@code lockstep.notifier.templates.dir}. Read and parsed once per name; a
 * template that does not parse fails with Qute's message (file, line).
 */
@ApplicationScoped
@TemplateData(target = Notice.class)
@TemplateData(target = Change.class)
@TemplateData(target = CommitInfo.class)
@TemplateData(target = Trigger.class)
public class TemplateOverrides {
    private static final Logger LOG = Logger.getLogger(TemplateOverrides.class);

    private final Engine engine;
    private final Optional<Path> dir;

    public TemplateOverrides(Engine engine, NotifierConfig config) {
        this.engine = engine;
        this.dir = config.templates().dir();
    }

    /** The override of the template with this name, if the folder has one. */
    public Optional<Template> find(String name) {
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.get().resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Template template = engine.parse(Files.readString(file, StandardCharsets.UTF_8), null, file.toString());
            LOG.infof("template %s overridden by %s", name, file);
            return Optional.of(template);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template " + file, e);
        }
    }
}
