package io.lockstep.launcher.demo;

import io.lockstep.launcher.Console;
import io.lockstep.launcher.stack.Messaging;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints each notification as the local stand-ins receive it: the Slack text, the email's subject and body. */
public final class NotificationPrinter implements AutoCloseable {
    private final Messaging messaging;
    private final Console console;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "notification-printer");
        t.setDaemon(true);
        return t;
    });
    private int slackSeen;
    private int emailSeen;

    public NotificationPrinter(Messaging messaging, Console console) {
        this.messaging = messaging;
        this.console = console;
    }

    public NotificationPrinter start() {
        timer.scheduleWithFixedDelay(this::printNew, 0, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Prints whatever arrived since the last call (also called by the tour before it moves on). */
    public synchronized void printNew() {
        for (Messaging.Delivered d : messaging.received(slackSeen, emailSeen)) {
            if (d.channel().equals("slack")) {
                slackSeen++;
                // Slack renders its three escapes; show the text as a reader in Slack sees it.
                console.line("      [slack %s] %s", d.destination(), d.title().replace("&lt;", "<")
                        .replace("&gt;", ">").replace("&amp;", "&"));
            } else {
                emailSeen++;
                console.line("      [email to %s] Subject: %s", d.destination(), d.title());
                d.body().lines().limit(14).forEach(l -> console.line("      |   %s", l));
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        printNew();
    }
}
