package io.lockstep.contracts.model;

/** What a sync did to one object, with a reason when it failed or was skipped. */
public record ObjectResult(ObjectRef ref, ChangeAction action, ResultCode code, String message) {
    public ObjectResult {
        Require.present(ref, "ref");
        Require.present(code, "code");
    }
}
