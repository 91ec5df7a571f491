package io.lockstep.repowatcher.manifest;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in {@code lockstep.yaml}: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration, or empty when the text is not one (a bare number is refused: its unit would be a guess). */
    public static Optional<Duration> parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return Optional.of(total);
    }
}
