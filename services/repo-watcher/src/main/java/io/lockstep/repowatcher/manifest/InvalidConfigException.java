package io.lockstep.repowatcher.manifest;

/**
 * A {@code lockstep.yaml} that cannot be used, located precisely: file, 1-based line (null when the whole file is
 * concerned), field path such as {@code applications[1].health.timeout}, and a reason a user can act on.
 */
public class InvalidConfigException extends Exception {
    private final String file;
    private final Integer line;
    private final String field;
    private final String reason;

    public InvalidConfigException(String file, Integer line, String field, String reason) {
        super(format(file, line, field, reason));
        this.file = file;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public Integer line() {
        return line;
    }

    public String field() {
        return field;
    }

    /** The reason alone, without the location (the event carries file, line and field separately). */
    public String reason() {
        return reason;
    }

    private static String format(String file, Integer line, String field, String reason) {
        StringBuilder out = new StringBuilder(file);
        if (line != null) {
            out.append(':').append(line);
        }
        if (field != null) {
            out.append(" (").append(field).append(')');
        }
        return out.append(": ").append(reason).toString();
    }
}
