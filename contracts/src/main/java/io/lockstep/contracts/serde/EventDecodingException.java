package io.lockstep.contracts.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * An event could not be decoded. The message says which event type, which field and why, in words a user can act
 * on; it never quotes the payload (which may hold manifests with secrets).
 */
public class EventDecodingException extends SerializationException {
    public EventDecodingException(String message) {
        super(message);
    }

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
