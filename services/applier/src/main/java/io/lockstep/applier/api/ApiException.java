package io.lockstep.applier.api;

/** A request the read API refuses, with the HTTP status and the parameter at fault (null when none). */
public class ApiException extends RuntimeException {
    private final int status;
    private final String parameter;

    ApiException(int status, String parameter, String message) {
        super(message);
        this.status = status;
        this.parameter = parameter;
    }

    static ApiException badRequest(String parameter, String message) {
        return new ApiException(400, parameter, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, null, message);
    }

    public int status() {
        return status;
    }

    public String parameter() {
        return parameter;
    }
}
