package io.lockstep.differ.live;

import io.lockstep.contracts.model.ObjectRef;

/** Told when a managed live object changed in a way that may matter (not status, not server bookkeeping). */
public interface LiveChangeListener {
    /** Called on an informer thread: must return quickly. */
    void liveObjectChanged(String appId, ObjectRef ref);
}
