package io.lockstep.launcher;

/**
 * A failure the user can act on: its message is printed as one line ({@code lockstep: <message>}) that says what
 * went wrong and what to do, with no stack trace.
 */
public final class LauncherException extends RuntimeException {
    public LauncherException(String message) {
        super(message);
    }

    public LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
