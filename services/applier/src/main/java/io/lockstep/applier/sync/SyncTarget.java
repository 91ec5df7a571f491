package io.lockstep.applier.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.contracts.model.ObjectRef;
import java.util.Optional;

/** The cluster a sync writes to: the only side effects on the target go through here. */
public interface SyncTarget {
    /**
     * Server-side applies {@code desired} and returns the object as the server now holds it. With {@code force},
     * fields another field manager owns are taken over; without, such an apply fails with
     * {@link TargetException.Failure#CONFLICT}.
     */
    JsonNode apply(ObjectRef ref, JsonNode desired, boolean force) throws TargetException;

    /** The live object, or empty when it does not exist. */
    Optional<JsonNode> get(ObjectRef ref) throws TargetException;

    /** Deletes the live object; deleting an absent object is not an error. */
    void delete(ObjectRef ref) throws TargetException;
}
