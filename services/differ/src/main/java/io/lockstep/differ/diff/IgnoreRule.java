package io.lockstep.differ.diff;

import com.fasterxml.jackson.core.JsonPointer;
import io.lockstep.contracts.model.IgnoreDifference;
import io.lockstep.contracts.model.ObjectRef;
import java.util.List;

/**
 * A difference not to report: the field at {@code pointer} (RFC 6901, e.g. {@code /spec/replicas}, {@code ~1} for a
 * {@code /} inside a key) is left out of the comparison for the objects the selector matches. Every selector part
 * is optional; a missing one matches everything. {@code group} is {@code ""} for the core group; a rule with a
 * {@code namespace} never matches a cluster-scoped object.
 */
public record IgnoreRule(String group, String kind, String name, String namespace, String pointer) {
    public IgnoreRule {
        if (pointer == null || pointer.isBlank()) {
            throw new IllegalArgumentException("an ignore rule needs a JSON pointer");
        }
        try {
            JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ignore rule pointer '" + pointer
                    + "' is not a JSON pointer (RFC 6901): " + e.getMessage(), e);
        }
        // "core" is how the core group is named where an empty value would read as unset (properties, env vars).
        group = "core".equals(group) ? "" : group;
    }

    /** A rule for every object. */
    public static IgnoreRule everywhere(String pointer) {
        return new IgnoreRule(null, null, null, null, pointer);
    }

    /** One rule per pointer of an application's {@code ignoreDifferences} entry from {@code lockstep.yaml}. */
    public static List<IgnoreRule> of(IgnoreDifference difference) {
        return difference.jsonPointers().stream().map(pointer -> new IgnoreRule(difference.group(),
                difference.kind(), difference.name(), difference.namespace(), pointer)).toList();
    }

    /** The rules of every {@code ignoreDifferences} entry of an application. */
    public static List<IgnoreRule> of(List<IgnoreDifference> differences) {
        return differences.stream().flatMap(d -> of(d).stream()).toList();
    }

    public boolean appliesTo(ObjectRef ref) {
        return (group == null || group.equals(ref.group()))
                && (kind == null || kind.equals(ref.kind()))
                && (name == null || name.equals(ref.name()))
                && (namespace == null || namespace.equals(ref.namespace()));
    }

    JsonPointer jsonPointer() {
        return JsonPointer.compile(pointer);
    }
}
