package io.lockstep.repowatcher.routing;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.repowatcher.manifest.LockstepFile;
import io.lockstep.repowatcher.manifest.RepoPaths;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which applications a commit concerns. Pure: the caller supplies what it read from Git.
 */
public final class AppRouter {
    private AppRouter() {
    }

    /**
     * @param previous the applications announced at the last commit, or null when this source was never announced
     * @param current the applications of the new commit's {@code lockstep.yaml}
     * @param changedPaths repo-relative paths that differ between the two commits, or null when the difference is
     *        unknown (first sight, rewritten history): then every application is concerned
     */
    public static Routing route(List<AppSpec> previous, List<AppSpec> current, Set<String> changedPaths) {
        Set<String> currentNames = current.stream().map(AppSpec::name).collect(Collectors.toSet());
        List<AppSpec> removed = previous == null ? List.of()
                : previous.stream().filter(app -> !currentNames.contains(app.name())).toList();
        if (previous == null || changedPaths == null || changedPaths.contains(LockstepFile.PATH)) {
            // A changed lockstep.yaml may change any application's spec: re-evaluate all of them.
            return new Routing(current, removed);
        }
        List<AppSpec> touched = current.stream()
                .filter(app -> changedPaths.stream().anyMatch(path -> RepoPaths.contains(app.path(), path)))
                .toList();
        return new Routing(touched, removed);
    }

    /** The applications to announce as observed at the new commit, and those to announce as removed. */
    public record Routing(List<AppSpec> observed, List<AppSpec> removed) {
        public Routing {
            observed = List.copyOf(observed);
            removed = List.copyOf(removed);
        }
    }
}
