package io.lockstep.repowatcher.manifest;

import io.lockstep.contracts.model.AppSpec;
import java.util.List;

/**
 * A valid {@code lockstep.yaml}: the applications a config repo declares, in file order, names unique, and the
 * directory generators that add one application per matching folder (expanded against the commit's tree by
 * {@link GeneratedApps}).
 */
public record LockstepFile(String apiVersion, List<AppSpec> applications, List<Generator> generators) {
    public static final String PATH = "lockstep.yaml";
    public static final String API_VERSION = "lockstep.io/v1";

    public LockstepFile {
        applications = List.copyOf(applications);
        generators = List.copyOf(generators);
    }

    public LockstepFile(String apiVersion, List<AppSpec> applications) {
        this(apiVersion, applications, List.of());
    }
}
