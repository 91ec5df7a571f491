package io.lockstep.contracts.serde;

import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.LockstepEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** CloudEvents 1.0 Kafka protocol binding, binary mode: attributes as {@code ce_*} headers, data as JSON. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** Writes the CloudEvents attributes of {@code event} into {@code headers}, replacing any earlier values. */
    public static void write(Headers headers, LockstepEvent event, String source) {
        set(headers, SPEC_VERSION, "1.0");
        set(headers, ID, event.id());
        set(headers, SOURCE, source);
        set(headers, TYPE, EventType.of(event).ceType());
        set(headers, SUBJECT, event.appId());
        set(headers, TIME, event.time().toString());
        set(headers, CONTENT_TYPE, JSON);
    }

    /** The last value of a header as text, or null. */
    public static String read(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
