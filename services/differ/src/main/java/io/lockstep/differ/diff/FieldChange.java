package io.lockstep.differ.diff;

import com.fasterxml.jackson.databind.JsonNode;

/** A declared field whose live value differs; {@code live} is null when the live object lacks the field. */
public record FieldChange(String path, JsonNode live, JsonNode desired) {
}
