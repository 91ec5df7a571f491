package io.lockstep.repowatcher.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lockstep.contracts.model.AppSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryGeneratorTest {
    private final LockstepFileParser parser = new LockstepFileParser(64 * 1024);

    @Test
    void makesOneApplicationPerMatchingFolderNamedAfterItFromTheTemplate() throws Exception {
        LockstepFile file = parse("""
                apiVersion: lockstep.io/v1
                applications:
                  - name: platform
                    path: platform
                generators:
                  - directories: "apps/*"
                    template:
                      target: { cluster: in-cluster, namespace: "{{name}}" }
                      sync: { automated: true, prune: true }
                      notify:
                        - on: [sync-failed]
                          slack: "#{{name}}"
                """);
        List<AppSpec> apps = GeneratedApps.expand(file, List.of("apps", "apps/web", "apps/api", "apps/web/base",
                "docs", "platform"));

        assertThat(apps).extracting(AppSpec::name).containsExactly("platform", "api", "web");
        AppSpec web = apps.get(2);
        assertThat(web.path()).isEqualTo("apps/web");
        assertThat(web.target().namespace()).isEqualTo("web");
        assertThat(web.sync().prune()).isTrue();
        assertThat(web.notifications()).singleElement().satisfies(r -> assertThat(r.slack()).isEqualTo("#web"));
        assertThat(GeneratedApps.depth(file)).isEqualTo(2);
    }

    @Test
    void aGeneratorAloneIsAValidFileAndATemplateIsOptional() throws Exception {
        LockstepFile file = parse("""
                apiVersion: lockstep.io/v1
                generators:
                  - directories: envs/*/apps/*
                """);
        assertThat(GeneratedApps.expand(file, List.of("envs/prod/apps/web", "envs/prod/apps"))).singleElement()
                .satisfies(app -> assertThat(app.path()).isEqualTo("envs/prod/apps/web"));
    }

    @Test
    void aPatternThatLeavesTheRepoOrMatchesNothingGlobIsRefusedWithItsLine() {
        for (String glob : List.of("../apps/*", "/apps/*", "apps/**", "apps/web", "apps/[a-z]*")) {
            InvalidConfigException e = fail("""
                    apiVersion: lockstep.io/v1
                    generators:
                      - directories: "%s"
                    """.formatted(glob));
            assertThat(e.line()).as(glob).isEqualTo(3);
            assertThat(e.field()).as(glob).isEqualTo("generators[0].directories");
        }
    }

    @Test
    void aBadTemplateIsRefusedEvenWhileNoFolderMatches() {
        InvalidConfigException unknown = fail("""
                apiVersion: lockstep.io/v1
                generators:
                  - directories: apps/*
                    template:
                      name: fixed
                """);
        assertThat(unknown.field()).isEqualTo("generators[0].template.name");
        assertThat(unknown.line()).isEqualTo(5);

        InvalidConfigException badValue = fail("""
                apiVersion: lockstep.io/v1
                generators:
                  - directories: apps/*
                    template:
                      sync: { automated: yes }
                """);
        assertThat(badValue.field()).isEqualTo("generators[0].template.sync.automated");
    }

    @Test
    void aFolderThatIsNoValidNameOrClashesWithAnApplicationIsRefused() throws Exception {
        LockstepFile file = parse("""
                apiVersion: lockstep.io/v1
                applications:
                  - name: web
                    path: legacy/web
                generators:
                  - directories: apps/*
                """);
        InvalidConfigException badName = catchThrowableOfType(InvalidConfigException.class,
                () -> GeneratedApps.expand(file, List.of("apps/Web_App")));
        assertThat(badName.line()).isEqualTo(6);
        assertThat(badName.reason()).contains("'Web_App' is not a valid application name");

        InvalidConfigException clash = catchThrowableOfType(InvalidConfigException.class,
                () -> GeneratedApps.expand(file, List.of("apps/web")));
        assertThat(clash.reason()).contains("already taken by application 'web'");
    }

    private LockstepFile parse(String yaml) throws InvalidConfigException {
        return parser.parse(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private InvalidConfigException fail(String yaml) {
        return catchThrowableOfType(InvalidConfigException.class, () -> parse(yaml));
    }
}
