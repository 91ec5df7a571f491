package io.lockstep.contracts.serde;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.LockstepEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;

/** Encodes events to JSON and decodes them back, with errors that name the type, the field and the reason. */
public final class EventCodec {
    /** Largest event payload accepted; a larger one is refused before parsing. */
    public static final int MAX_EVENT_BYTES = 8 * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            // Additive evolution: a newer producer may add fields this consumer does not know yet.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {
    }

    /** The mapper the contracts use; shared so services write manifests and events the same way. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(LockstepEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + EventType.of(event).ceType(), e);
        }
    }

    /** Decodes a record whose type is named by its {@code ce_type} header. */
    public static LockstepEvent decode(Headers headers, byte[] data) {
        String ceType = CloudEventHeaders.read(headers, CloudEventHeaders.TYPE);
        if (ceType == null) {
            throw new EventDecodingException("not a Lockstep event: header " + CloudEventHeaders.TYPE + " is missing");
        }
        return decode(ceType, data);
    }

    public static LockstepEvent decode(String ceType, byte[] data) {
        EventType type = EventType.ofCeType(ceType).orElseThrow(
                () -> new EventDecodingException("unknown event type '" + printable(ceType) + "'"));
        return decode(type, data);
    }

    public static <T extends LockstepEvent> T decode(Class<T> recordClass, byte[] data) {
        return recordClass.cast(decode(EventType.of(recordClass), data));
    }

    private static LockstepEvent decode(EventType type, byte[] data) {
        if (data == null || data.length == 0) {
            throw new EventDecodingException("cannot decode " + type.ceType() + ": the payload is empty");
        }
        if (data.length > MAX_EVENT_BYTES) {
            throw new EventDecodingException("cannot decode " + type.ceType() + ": the payload is " + data.length
                    + " bytes, over the limit of " + MAX_EVENT_BYTES);
        }
        try {
            return MAPPER.readValue(data, type.recordClass());
        } catch (JacksonException e) {
            throw new EventDecodingException("cannot decode " + type.ceType() + ": " + describe(e), e);
        } catch (IOException e) {
            throw new EventDecodingException("cannot decode " + type.ceType() + ": " + e.getMessage(), e);
        }
    }

    /** One line: the field path, what was wrong, and where in the payload. Never the payload itself. */
    static String describe(JacksonException e) {
        StringBuilder out = new StringBuilder();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            out.append("field '").append(path).append("': ");
        }
        out.append(reason(e));
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            out.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr())
                    .append(')');
        }
        return out.toString();
    }

    private static String reason(JacksonException e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException invalid) {
            return "value is not a valid " + invalid.getTargetType().getSimpleName();
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "expected " + article(mismatched.getTargetType().getSimpleName());
        }
        if (e instanceof com.fasterxml.jackson.core.JsonParseException) {
            return "malformed JSON";
        }
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
            return "the JSON ends too early";
        }
        String message = e.getOriginalMessage();
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
    }

    private static String article(String simpleName) {
        return switch (simpleName) {
            case "String" -> "a string";
            case "List", "ArrayList" -> "a list";
            case "int", "Integer", "long", "Long" -> "a number";
            case "boolean", "Boolean" -> "true or false";
            default -> "a " + simpleName + " object";
        };
    }

    private static String printable(String value) {
        String clipped = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return clipped.replaceAll("\\p{Cntrl}", "?");
    }
}
