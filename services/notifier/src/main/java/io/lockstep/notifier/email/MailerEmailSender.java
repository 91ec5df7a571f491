package io.lockstep.notifier.email;

import io.lockstep.notifier.config.NotifierConfig;
import io.lockstep.notifier.delivery.NotificationSender;
import io.lockstep.notifier.delivery.SendResult;
import io.lockstep.notifier.trigger.Channel;
import io.lockstep.notifier.trigger.Notice;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a notice by email through Quarkus Mailer (SMTP): an HTML and a plain-text part rendered from the Qute
 * templates {@code email/notification.html} and {@code email/notification.txt} (see {@link EmailTemplates}).
 * SMTP 5xx answers are permanent, anything else (4xx, refused or dropped connections) transient.
 *
 * <p>Sends run on a small pool of plain threads of this class, not on the caller's thread: the caller is a Kafka
 * handler running as an <em>ordered</em> blocking task of a Vert.x context, and the Vert.x mail client queues its
 * own blocking steps (the first EHLO's host name lookup) on the current context, i.e. behind the caller itself, which
 * deadlocks until the mailer times out. A thread without a Vert.x context avoids that.
 */
@ApplicationScoped
public class MailerEmailSender implements NotificationSender {
    private final Mailer mailer;
    private final EmailTemplates templates;
    private final String subjectPrefix;
    private final Duration timeout;
    private final ExecutorService smtp;

    public MailerEmailSender(Mailer mailer, EmailTemplates templates, NotifierConfig config) {
        this.mailer = mailer;
        this.templates = templates;
        this.subjectPrefix = config.email().subjectPrefix();
        this.timeout = config.email().timeout();
        this.smtp = Executors.newFixedThreadPool(config.email().threads(), runnable -> {
            Thread thread = new Thread(runnable, "lockstep-smtp");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        smtp.shutdownNow();
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /** "[lockstep] demo/web deployed abc1234". */
    public String subject(Notice notice) {
        return subjectPrefix.isBlank() ? notice.headline() : subjectPrefix + " " + notice.headline();
    }

    @Override
    public SendResult send(Notice notice, String target) {
        Mail mail = Mail.withHtml(target, subject(notice), templates.html(notice)).setText(templates.text(notice));
        Future<?> sending = smtp.submit(() -> mailer.send(mail));
        try {
            sending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return SendResult.delivered();
        } catch (ExecutionException e) {
            return classify(e.getCause());
        } catch (TimeoutException e) {
            sending.cancel(true);
            return SendResult.transientFailure("the SMTP server did not accept the message within "
                    + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sending.cancel(true);
            throw new IllegalStateException("interrupted while sending an email", e);
        }
    }

    private static SendResult classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                String error = "SMTP server answered " + smtp.getReplyCode() + " " + smtp.getReplyMessage();
                return smtp.isPermanent() ? SendResult.permanent(error) : SendResult.transientFailure(error);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        // A message of a connection failure names host and port only; the SMTP password is never in it.
        return SendResult.transientFailure("cannot send email: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }
}
