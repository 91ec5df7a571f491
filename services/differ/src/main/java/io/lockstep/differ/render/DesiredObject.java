package io.lockstep.differ.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.model.ObjectRef;

/** One rendered object: its identity, its manifest (namespace and tracking marks set), and where it came from. */
public record DesiredObject(ObjectRef ref, ObjectNode manifest, String file, int line) {
}
