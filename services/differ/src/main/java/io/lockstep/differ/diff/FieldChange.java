package io.lockstep.differ.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A declared field whose live value differs; {@code live} is null when the live object lacks the field, and
 * {@code desired} is null for a field the repository no longer declares ({@code live} is then the value Lockstep
 * declared before, which the live object still has).
 */
public record FieldChange(String path, JsonNode live, JsonNode desired) {
}
