package io.lockstep.launcher.stack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lockstep.testsupport.slack.SlackMessage;
import io.lockstep.testsupport.slack.SlackStub;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where notifications go: Slack through {@code SLACK_WEBHOOK_URL} and email through {@code SMTP_HOST} (with
 * {@code SMTP_PORT}, {@code SMTP_FROM}, {@code SMTP_USERNAME}, {@code SMTP_PASSWORD}, {@code SMTP_START_TLS},
 * {@code SMTP_TLS}) when they are set; otherwise local stand-ins: a Slack stand-in answering as Slack's webhooks do,
 * and a GreenMail SMTP server. What the stand-ins receive can be read back, so the launcher can show it.
 */
public final class Messaging implements AutoCloseable {
    private final Map<String, String> env;
    private final SlackStub slack;
    private final GreenMail smtp;

    private Messaging(Map<String, String> env, SlackStub slack, GreenMail smtp) {
        this.env = env;
        this.slack = slack;
        this.smtp = smtp;
    }

    public static Messaging start(Map<String, String> env) {
        SlackStub slack = blank(env.get("SLACK_WEBHOOK_URL")) ? SlackStub.start() : null;
        GreenMail smtp = null;
        if (blank(env.get("SMTP_HOST"))) {
            smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
        return new Messaging(env, slack, smtp);
    }

    public String slackDescription() {
        return slack != null ? "local Slack stand-in " + slack.baseUrl() : "Slack webhook from SLACK_WEBHOOK_URL";
    }

    public String smtpDescription() {
        return smtp != null ? "local SMTP server (GreenMail) 127.0.0.1:" + smtp.getSmtp().getPort()
                : "SMTP " + env.get("SMTP_HOST") + ":" + env.getOrDefault("SMTP_PORT", "587");
    }

    /** The notifier's configuration (no secrets; see {@link #secretEnvironment()}). */
    public Map<String, String> notifierConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        if (smtp != null) {
            config.put("quarkus.mailer.host", "127.0.0.1");
            config.put("quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()));
            config.put("quarkus.mailer.from", "lockstep@localhost");
            config.put("quarkus.mailer.start-tls", "DISABLED");
            config.put("quarkus.mailer.tls", "false");
        } else {
            config.put("quarkus.mailer.host", env.get("SMTP_HOST"));
            config.put("quarkus.mailer.port", env.getOrDefault("SMTP_PORT", "587"));
            config.put("quarkus.mailer.from", env.getOrDefault("SMTP_FROM", "lockstep@localhost"));
            config.put("quarkus.mailer.start-tls", env.getOrDefault("SMTP_START_TLS", "REQUIRED"));
            config.put("quarkus.mailer.tls", env.getOrDefault("SMTP_TLS", "false"));
            if (!blank(env.get("SMTP_USERNAME"))) {
                config.put("quarkus.mailer.username", env.get("SMTP_USERNAME"));
            }
        }
        config.put("quarkus.mailer.mock", "false");
        return config;
    }

    /** The webhook URL and the SMTP password are secrets: they reach the notifier by its environment only. */
    public Map<String, String> secretEnvironment() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("LOCKSTEP_NOTIFIER_SLACK_WEBHOOK_URL", slack != null ? slack.webhookUrl()
                : env.get("SLACK_WEBHOOK_URL"));
        if (smtp == null && !blank(env.get("SMTP_PASSWORD"))) {
            secrets.put("QUARKUS_MAILER_PASSWORD", env.get("SMTP_PASSWORD"));
        }
        return secrets;
    }

    /** Messages the stand-ins received, oldest first, starting at {@code seen} (a count returned before). */
    public List<Delivered> received(int seenSlack, int seenEmail) {
        List<Delivered> out = new ArrayList<>();
        if (slack != null) {
            List<SlackMessage> messages = slack.messages();
            for (int i = seenSlack; i < messages.size(); i++) {
                SlackMessage m = messages.get(i);
                out.add(new Delivered("slack", m.body().path("channel").asText("(webhook channel)"), m.text(),
                        m.raw()));
            }
        }
        if (smtp != null) {
            MimeMessage[] messages = smtp.getReceivedMessages();
            for (int i = seenEmail; i < messages.length; i++) {
                out.add(email(messages[i]));
            }
        }
        return out;
    }

    public int slackCount() {
        return slack == null ? 0 : slack.messages().size();
    }

    public int emailCount() {
        return smtp == null ? 0 : smtp.getReceivedMessages().length;
    }

    /** Whether Slack messages go to the local stand-in (and can be shown), not to a real Slack. */
    public boolean slackStandIn() {
        return slack != null;
    }

    /** Whether email goes to the local SMTP server (and can be shown), not to a real one. */
    public boolean emailStandIn() {
        return smtp != null;
    }

    @Override
    public void close() {
        if (slack != null) {
            slack.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static Delivered email(MimeMessage message) {
        try {
            String to = message.getAllRecipients() == null ? "" : Arrays.stream(message.getAllRecipients())
                    .map(Object::toString).collect(Collectors.joining(", "));
            String body = plainText(message);
            return new Delivered("email", to, message.getSubject(), body == null ? "" : body.strip());
        } catch (MessagingException | IOException e) {
            return new Delivered("email", "?", "(unreadable message: " + e.getMessage() + ")", "");
        }
    }

    /** The text/plain part of a (possibly nested multipart) message. */
    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = plainText(child);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** One notification as a stand-in received it: Slack (channel, fallback text, payload) or email (to, subject, body). */
    public record Delivered(String channel, String destination, String title, String body) {
    }
}
