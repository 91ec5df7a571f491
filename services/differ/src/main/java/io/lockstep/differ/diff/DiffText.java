package io.lockstep.differ.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.lockstep.contracts.model.ObjectRef;
import java.util.List;

/**
 * Writes the changed fields of one object as a unified-style diff: a {@code @@ path @@} hunk per field, live lines
 * with {@code -}, desired lines with {@code +} (none for a field removed from the repository), values as YAML. A Secret's values never appear: everything under
 * {@code data} and {@code stringData} (and the last-applied annotation, which would repeat them) shows as
 * {@value #MASK}.
 */
public final class DiffText {
    public static final String MASK = "***";
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private DiffText() {
    }

    public static String format(ObjectRef ref, List<FieldChange> changes) {
        boolean secret = "Secret".equals(ref.kind());
        StringBuilder out = new StringBuilder();
        out.append("--- live ").append(ref).append('\n');
        out.append("+++ desired ").append(ref).append('\n');
        for (FieldChange change : changes) {
            boolean masked = secret && isSecretValue(change.path());
            out.append("@@ ").append(change.path()).append(" @@\n");
            if (change.live() != null) {
                lines(out, '-', masked ? mask(change.live()) : change.live());
            }
            if (change.desired() != null) {
                lines(out, '+', masked ? mask(change.desired()) : change.desired());
            }
        }
        return out.toString();
    }

    private static boolean isSecretValue(String path) {
        return path.equals("data") || path.startsWith("data.") || path.equals("stringData")
                || path.startsWith("stringData.") || path.startsWith("metadata")
                        && (path.contains("last-applied-configuration") || path.equals("metadata")
                                || path.equals("metadata.annotations"));
    }

    /** The same shape with every leaf value replaced, so a reader sees which keys changed but no secret. */
    private static JsonNode mask(JsonNode node) {
        if (node.isObject()) {
            ObjectNode masked = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> masked.set(e.getKey(), mask(e.getValue())));
            return masked;
        }
        if (node.isArray()) {
            var masked = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> masked.add(mask(item)));
            return masked;
        }
        return JsonNodeFactory.instance.textNode(MASK);
    }

    private static void lines(StringBuilder out, char sign, JsonNode value) {
        String text;
        if (value.isValueNode()) {
            text = value.isTextual() ? value.asText() : value.toString();
        } else {
            try {
                text = YAML.writeValueAsString(value).stripTrailing();
            } catch (JsonProcessingException e) {
                text = value.toString();
            }
        }
        for (String line : text.split("\n", -1)) {
            out.append(sign).append(line).append('\n');
        }
    }
}
