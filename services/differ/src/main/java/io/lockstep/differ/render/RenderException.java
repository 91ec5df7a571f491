package io.lockstep.differ.render;

/**
 * The application's source cannot be rendered. {@link #file()} is repo-relative and {@link #line()} 1-based where
 * known; the message is what the user sees in the {@code RenderFailed} event.
 */
public class RenderException extends Exception {
    private final String file;
    private final Integer line;

    public RenderException(String file, Integer line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public Integer line() {
        return line;
    }

    /** "apps/web/deploy.yaml line 7: reason", as much of it as is known. */
    public String describe() {
        String where = file == null ? "" : line == null ? file + ": " : file + " line " + line + ": ";
        return where + getMessage();
    }
}
