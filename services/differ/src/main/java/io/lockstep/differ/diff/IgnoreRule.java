package io.lockstep.differ.diff;

import com.fasterxml.jackson.core.JsonPointer;
import io.lockstep.contracts.model.ObjectRef;

/**
 * A difference not to report: the field at {@code pointer} (RFC 6901, e.g. {@code /spec/replicas}, {@code ~1} for a
 * {@code /} inside a key) is left out of the comparison for the objects the selector matches. Every selector part
 * is optional; a missing one matches everything. {@code group} is {@code ""} for the core group.
 */
public record IgnoreRule(String app, String group, String kind, String name, String pointer) {
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
    }

    /** A rule for every object of every application. */
    public static IgnoreRule everywhere(String pointer) {
        return new IgnoreRule(null, null, null, null, pointer);
    }

    public boolean appliesTo(String appId, ObjectRef ref) {
        return (app == null || app.equals(appId))
                && (group == null || group.equals(ref.group()))
                && (kind == null || kind.equals(ref.kind()))
                && (name == null || name.equals(ref.name()));
    }

    JsonPointer jsonPointer() {
        return JsonPointer.compile(pointer);
    }
}
