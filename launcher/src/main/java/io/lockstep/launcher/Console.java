package io.lockstep.launcher;

import java.io.PrintWriter;
import java.time.Duration;

/** The launcher's output: whole lines, from several threads (the tour and the notification printer), flushed. */
public final class Console {
    private final PrintWriter out;

    public Console(PrintWriter out) {
        this.out = out;
    }

    public synchronized void line(String text) {
        out.println(text);
        out.flush();
    }

    public synchronized void line(String format, Object... args) {
        line(String.format(format, args));
    }

    /** {@code 12.3s}: how long something took, as every step and component reports it. */
    public static String seconds(Duration d) {
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }

    public static String seconds(long nanos) {
        return seconds(Duration.ofNanos(nanos));
    }
}
