package io.lockstep.repowatcher.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lockstep.contracts.model.AppSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockstepFileParserTest {
    private final LockstepFileParser parser = new LockstepFileParser(64 * 1024);
    private final ParserInput input = new ParserInput();

    @Test
    void readsTheDesignExampleWithDefaultsForWhatIsLeftOut() throws Exception {
        LockstepFile file = parse("""
                apiVersion: lockstep.io/v1
                applications:
                  - name: web
                    path: apps/web
                    target: { cluster: in-cluster, namespace: web }
                    sync:   { automated: true, prune: true, selfHeal: true }
                    health:
                      timeout: 5m
                      http: [ { url: "https://web.example.com/healthz", expectedStatus: 200, retries: 6, retryDelay: 10s } ]
                    notify:
                      - on: [sync-failed, health-degraded, drift-detected]
                        slack: "#deploys"
                      - on: [deployed]
                        email: team@example.com
                  - name: api
                    path: ./services/api/
                """);
        AppSpec web = file.applications().get(0);
        assertThat(web.health().timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(web.health().http()).singleElement().satisfies(check -> {
            assertThat(check.retries()).isEqualTo(6);
            assertThat(check.retryDelay()).isEqualTo(Duration.ofSeconds(10));
        });
        assertThat(web.sync().selfHeal()).isTrue();
        assertThat(web.sync().allowEmpty()).isFalse();
        assertThat(web.notifications()).hasSize(2);
        AppSpec api = file.applications().get(1);
        assertThat(api.path()).isEqualTo("services/api");
        assertThat(api.target().cluster()).isEqualTo("in-cluster");
        assertThat(api.sync().automated()).isTrue();
        assertThat(api.sync().prune()).isFalse();
    }

    @Test
    void anUnknownFieldIsReportedWithItsLineAndPath() {
        InvalidConfigException e = fail("""
                apiVersion: lockstep.io/v1
                applications:
                  - name: web
                    path: apps/web
                    sync: { automated: true, prun: true }
                """);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.field()).isEqualTo("applications[0].sync.prun");
        assertThat(e.reason()).contains("unknown field 'prun'").contains("allowed: automated, prune");
        assertThat(e.file()).isEqualTo("lockstep.yaml");
    }

    @Test
    void aMissingNameOrPathIsReported() {
        InvalidConfigException noName = fail("""
                apiVersion: lockstep.io/v1
                applications:
                  - path: apps/web
                """);
        assertThat(noName.field()).isEqualTo("applications[0].name");
        assertThat(noName.line()).isEqualTo(3);

        InvalidConfigException noPath = fail("""
                apiVersion: lockstep.io/v1
                applications:
                  - name: web
                    path:
                """);
        assertThat(noPath.field()).isEqualTo("applications[0].path");
        assertThat(noPath.reason()).contains("missing field 'path'");
    }

    @Test
    void duplicateApplicationNamesPointAtTheSecond() {
        InvalidConfigException e = fail("""
                apiVersion: lockstep.io/v1
                applications:
                  - name: web
                    path: apps/web
                  - name: web
                    path: apps/web2
                """);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.field()).isEqualTo("applications[1].name");
        assertThat(e.reason()).contains("duplicate application name 'web'").contains("line 3");
    }

    @Test
    void pathsOutsideTheRepositoryAreRefused() {
        for (String path : new String[] {"../other", "apps/../../etc", "/etc/passwd", "apps\\\\web", "C:/x"}) {
            InvalidConfigException e = fail("apiVersion: lockstep.io/v1\napplications:\n  - name: web\n    path: \""
                    + path + "\"\n");
            assertThat(e.field()).as(path).isEqualTo("applications[0].path");
            assertThat(e.line()).as(path).isEqualTo(4);
        }
    }

    @Test
    void overlappingApplicationPathsAreRefused() {
        InvalidConfigException e = fail("""
                apiVersion: lockstep.io/v1
                applications:
                  - name: all
                    path: apps
                  - name: web
                    path: apps/web
                """);
        assertThat(e.field()).isEqualTo("applications[1].path");
        assertThat(e.reason()).contains("overlaps application 'all'");
    }

    @Test
    void aRepeatedKeyIsAnErrorRatherThanSilentlyWinning() {
        InvalidConfigException e = fail("""
                apiVersion: lockstep.io/v1
                applications:
                  - name: web
                    path: apps/web
                    path: apps/other
                """);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.reason()).contains("given twice");
    }

    @Test
    void wrongTypesAndBadValuesNameTheField() {
        assertThat(fail(app("health: { timeout: 5 }")).field()).isEqualTo("applications[0].health.timeout");
        assertThat(fail(app("health: { timeout: 5 }")).reason()).contains("invalid duration '5'");
        assertThat(fail(app("sync: { prune: yes }")).reason()).contains("expected true or false");
        assertThat(fail(app("sync: [prune]")).reason()).contains("expected a mapping");
        assertThat(fail(app("notify: [ { on: [deploy], slack: '#x' } ]")).reason()).contains("unknown trigger 'deploy'");
        assertThat(fail(app("notify: [ { on: [deployed] } ]")).reason()).contains("needs 'slack' or 'email'");
        assertThat(fail("apiVersion: lockstep.io/v2\napplications: []\n").field()).isEqualTo("apiVersion");
        assertThat(fail("applications: []\n").field()).isEqualTo("apiVersion");
        assertThat(fail("apiVersion: lockstep.io/v1\n").field()).isEqualTo("applications");
        assertThat(fail("apiVersion: lockstep.io/v1\napplications:\n  - name: Web_1\n    path: x\n").reason())
                .contains("invalid application name");
    }

    @Test
    void malformedYamlIsReportedWithItsLine() {
        InvalidConfigException e = fail("""
                apiVersion: lockstep.io/v1
                applications:
                  - name: web
                    path: [apps/web
                """);
        assertThat(e.reason()).startsWith("invalid YAML");
        assertThat(e.line()).isNotNull().isBetween(4, 5);
        assertThat(fail("").reason()).contains("empty");
        assertThat(fail("just a string").reason()).contains("expected a mapping");
    }

    @Test
    void tabsUsedForIndentationAreReportedAtTheirLine() {
        InvalidConfigException e = fail("apiVersion: lockstep.io/v1\napplications:\n\t- name: web\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).startsWith("invalid YAML");
    }

    @Test
    void anAliasBombIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("apiVersion: lockstep.io/v1\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        bomb.append("applications: []\n");
        long start = System.nanoTime();
        InvalidConfigException e = fail(bomb.toString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(e.reason()).containsAnyOf("aliases", "unknown field");
    }

    @Test
    void aliasesWithinLimitsStillWork() throws Exception {
        LockstepFile file = parse("""
                apiVersion: lockstep.io/v1
                applications:
                  - name: web
                    path: apps/web
                    notify: &team
                      - on: [deployed]
                        email: team@example.com
                  - name: api
                    path: apps/api
                    notify: *team
                """);
        assertThat(file.applications().get(1).notifications()).hasSize(1);
    }

    @Test
    void deepNestingAndHugeFilesAreRefusedBeforeTheyCostMuch() {
        String deep = "apiVersion: lockstep.io/v1\napplications: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThat(fail(deep).reason()).startsWith("invalid YAML");

        byte[] huge = ("apiVersion: lockstep.io/v1\n# " + "x".repeat(70 * 1024) + "\napplications: []\n")
                .getBytes(StandardCharsets.UTF_8);
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> parser.parse(huge));
        assertThat(e.reason()).contains("over the limit of 65536");
        assertThat(e.line()).isNull();
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin1 = "apiVersion: lockstep.io/v1\napplications: [] # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> parser.parse(latin1));
        assertThat(e.reason()).contains("UTF-8");
    }

    @Test
    void yamlTagsInstantiateNothing() {
        InvalidConfigException e = fail("""
                apiVersion: lockstep.io/v1
                applications:
                  - name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x"]]]]
                    path: apps/web
                """);
        assertThat(e.reason()).containsAnyOf("expected a text value", "Global tag is not allowed");
    }

    @Test
    void anEmptyApplicationListIsValid() throws Exception {
        assertThat(parse("apiVersion: lockstep.io/v1\napplications: []\n").applications()).isEmpty();
    }

    private static String app(String extra) {
        return ParserInput.app(extra);
    }

    private LockstepFile parse(String yaml) throws InvalidConfigException {
        return input.parse(yaml);
    }

    private InvalidConfigException fail(String yaml) {
        return input.fail(yaml);
    }
}
