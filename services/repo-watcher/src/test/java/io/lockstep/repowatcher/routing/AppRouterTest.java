package io.lockstep.repowatcher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.model.AppSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppRouterTest {
    private static final AppSpec WEB = app("web", "apps/web");
    private static final AppSpec WEB_ADMIN = app("web-admin", "apps/web-admin");
    private static final AppSpec API = app("api", "apps/api");

    @Test
    void aFirstSightConcernsEveryApplication() {
        AppRouter.Routing routing = AppRouter.route(null, List.of(WEB, API), null);
        assertThat(routing.observed()).containsExactly(WEB, API);
        assertThat(routing.removed()).isEmpty();
    }

    @Test
    void changedPathsReachOnlyTheApplicationsWhoseFolderHoldsThem() {
        AppRouter.Routing routing = AppRouter.route(List.of(WEB, WEB_ADMIN, API), List.of(WEB, WEB_ADMIN, API),
                Set.of("apps/web-admin/deploy.yaml", "README.md"));
        // apps/web is a prefix of apps/web-admin as text, not as a folder.
        assertThat(routing.observed()).containsExactly(WEB_ADMIN);
    }

    @Test
    void aChangedLockstepYamlReEvaluatesAllAndAnnouncesRemovals() {
        AppRouter.Routing routing = AppRouter.route(List.of(WEB, API), List.of(WEB), Set.of("lockstep.yaml"));
        assertThat(routing.observed()).containsExactly(WEB);
        assertThat(routing.removed()).containsExactly(API);
    }

    @Test
    void anUnknownDifferenceConcernsEveryApplication() {
        assertThat(AppRouter.route(List.of(WEB), List.of(WEB, API), null).observed()).containsExactly(WEB, API);
    }

    @Test
    void anApplicationAtTheRootSeesEveryChange() {
        AppSpec root = app("all", ".");
        assertThat(AppRouter.route(List.of(root), List.of(root), Set.of("x/y.yaml")).observed()).containsExactly(root);
    }

    private static AppSpec app(String name, String path) {
        return new AppSpec(name, path, null, null, null, null);
    }
}
