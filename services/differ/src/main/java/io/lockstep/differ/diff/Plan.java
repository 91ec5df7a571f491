package io.lockstep.differ.diff;

import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.PlannedChange;
import java.util.List;

/** The result of a diff: one change per desired object (in render order), then the prunes. */
public record Plan(List<PlannedChange> changes) {
    public Plan {
        changes = List.copyOf(changes);
    }

    /** True when applying the plan would change nothing. */
    public boolean inSync() {
        return changes.stream().allMatch(c -> c.action() == ChangeAction.NONE);
    }

    public long count(ChangeAction action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }
}
