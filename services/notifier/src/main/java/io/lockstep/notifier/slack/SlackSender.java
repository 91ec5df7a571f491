package io.lockstep.notifier.slack;

import io.lockstep.notifier.config.NotifierConfig;
import io.lockstep.notifier.delivery.NotificationSender;
import io.lockstep.notifier.delivery.SendResult;
import io.lockstep.notifier.trigger.Channel;
import io.lockstep.notifier.trigger.Notice;
import io.lockstep.notifier.template.TemplateOverrides;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Slack deliveries: through the Web API when a bot token is configured (it can update a message in place), else
 * through the incoming webhook. The message is {@link SlackMessage}, or the operator's template
 * {@code slack/message.json} (see {@link SlackPayloads}).
 */
@ApplicationScoped
public class SlackSender implements NotificationSender {
    private final NotificationSender delegate;

    public SlackSender(NotifierConfig config, SlackMessageRefs refs, TemplateOverrides templates) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.slack().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        SlackPayloads payloads = templates.find(SlackPayloads.TEMPLATE).map(SlackPayloads::fromTemplate)
                .orElse(SlackPayloads.builtIn());
        Optional<String> token = botToken(config.slack());
        this.delegate = token.isPresent()
                ? new SlackWebApiSender(config.slack().apiUrl(), token.get(), config.slack().timeout(), http, refs,
                        payloads)
                : new SlackWebhookSender(config, http, payloads);
    }

    private static Optional<String> botToken(NotifierConfig.Slack slack) {
        Optional<String> inline = slack.botToken().map(String::strip).filter(t -> !t.isEmpty());
        if (inline.isPresent() || slack.botTokenFile().isEmpty()) {
            return inline;
        }
        Path file = slack.botTokenFile().get();
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(t -> !t.isEmpty());
        } catch (IOException e) {
            // The path is configuration, not a secret; the file's content is never in the message.
            throw new UncheckedIOException("cannot read lockstep.notifier.slack.bot-token-file " + file, e);
        }
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public SendResult send(Notice notice, String target) {
        return delegate.send(notice, target);
    }
}
