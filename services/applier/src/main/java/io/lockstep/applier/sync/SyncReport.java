package io.lockstep.applier.sync;

import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.SyncOutcome;
import java.util.List;

/**
 * What a sync did: one result per planned create, update and prune, the application's health afterwards, the
 * error users see when it failed (or why it is degraded), and the inventory changes to record.
 */
public record SyncReport(List<ObjectResult> results, Health health, String error, List<ObjectRef> applied,
        List<ObjectRef> removed) {
    public SyncReport {
        results = List.copyOf(results);
        applied = List.copyOf(applied);
        removed = List.copyOf(removed);
    }

    /** Failed as soon as one object failed; prunes skipped for safety are not failures. */
    public SyncOutcome outcome() {
        return results.stream().anyMatch(r -> r.code() == ResultCode.SYNC_FAILED)
                ? SyncOutcome.FAILED : SyncOutcome.SUCCEEDED;
    }

    public long count(ResultCode code) {
        return results.stream().filter(r -> r.code() == code).count();
    }
}
