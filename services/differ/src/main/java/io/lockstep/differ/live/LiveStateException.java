package io.lockstep.differ.live;

/** The cluster could not be read; transient by nature (network, API server down, permissions being rolled out). */
public class LiveStateException extends RuntimeException {
    public LiveStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
