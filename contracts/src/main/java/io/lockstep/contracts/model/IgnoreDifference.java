package io.lockstep.contracts.model;

import java.util.List;

/**
 * Differences an application never wants reported, in the shape Argo CD users know: JSON pointers (RFC 6901, e.g.
 * {@code /spec/replicas}) left out of the comparison for the objects the selector matches. Every selector part is
 * optional and a missing one matches everything; {@code group} is {@code ""} for the core group.
 */
public record IgnoreDifference(String group, String kind, String name, String namespace, List<String> jsonPointers) {
    public IgnoreDifference {
        jsonPointers = Require.list(jsonPointers);
        if (jsonPointers.isEmpty()) {
            throw new IllegalArgumentException("missing required field 'jsonPointers'");
        }
    }
}
