package io.lockstep.repowatcher.manifest;

import io.lockstep.contracts.model.AppSpec;
import java.util.List;

/** A valid {@code lockstep.yaml}: the applications a config repo declares, in file order, names unique. */
public record LockstepFile(String apiVersion, List<AppSpec> applications) {
    public static final String PATH = "lockstep.yaml";
    public static final String API_VERSION = "lockstep.io/v1";

    public LockstepFile {
        applications = List.copyOf(applications);
    }
}
