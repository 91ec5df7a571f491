package io.lockstep.repowatcher.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.RollbackPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-application options the differ and applier act on: ignore rules, Helm values, sync switches, rollback. */
class AppOptionsParserTest {
    private final ParserInput input = new ParserInput();

    @Test
    void readsIgnoreRulesHelmValuesSyncSwitchesAndRollbackPolicy() throws Exception {
        AppSpec web = parse("""
                apiVersion: lockstep.io/v1
                applications:
                  - name: web
                    path: apps/web
                    sync: { prune: true, createNamespace: true, replace: true, force: true }
                    ignoreDifferences:
                      - group: apps
                        kind: Deployment
                        jsonPointers: [/spec/replicas]
                      - jsonPointers: ["/metadata/annotations/example.com~1stamp"]
                    helm:
                      releaseName: web-prod
                      valueFiles: [values.yaml, ./env/prod.yaml]
                      values:
                        replicaCount: 3
                        image: { tag: "1.2.3", pullPolicy: IfNotPresent }
                        ratio: 0.5
                        enabled: true
                        hosts: [a.example.com, b.example.com]
                        empty: ~
                    rollback: { onFailedHealth: revert }
                """).applications().get(0);
        assertThat(web.sync().createNamespace()).isTrue();
        assertThat(web.sync().replace()).isTrue();
        assertThat(web.sync().force()).isTrue();
        assertThat(web.ignoreDifferences()).hasSize(2);
        assertThat(web.ignoreDifferences().get(0).kind()).isEqualTo("Deployment");
        assertThat(web.ignoreDifferences().get(0).jsonPointers()).containsExactly("/spec/replicas");
        assertThat(web.ignoreDifferences().get(1).group()).isNull();
        assertThat(web.helm().releaseName()).isEqualTo("web-prod");
        assertThat(web.helm().valueFiles()).containsExactly("values.yaml", "env/prod.yaml");
        assertThat(web.helm().values()).containsEntry("replicaCount", 3L).containsEntry("ratio", 0.5)
                .containsEntry("enabled", true).containsEntry("hosts", List.of("a.example.com", "b.example.com"))
                .containsEntry("image", Map.of("tag", "1.2.3", "pullPolicy", "IfNotPresent"))
                .containsKey("empty");
        assertThat(web.rollback().revertsOnFailedHealth()).isTrue();
    }

    @Test
    void leftOutOptionsTakeTheSafeDefaults() throws Exception {
        AppSpec web = parse(app("sync: { prune: true }")).applications().get(0);
        assertThat(web.sync().createNamespace()).isFalse();
        assertThat(web.sync().replace()).isFalse();
        assertThat(web.sync().force()).isFalse();
        assertThat(web.ignoreDifferences()).isEmpty();
        assertThat(web.helm().values()).isEmpty();
        assertThat(web.rollback().onFailedHealth()).isEqualTo(RollbackPolicy.OnFailedHealth.NONE);
    }

    @Test
    void badIgnoreRulesNameTheFieldAndLine() {
        InvalidConfigException missing = fail(app("ignoreDifferences: [ { kind: Deployment } ]"));
        assertThat(missing.field()).isEqualTo("applications[0].ignoreDifferences[0].jsonPointers");
        assertThat(missing.line()).isEqualTo(5);
        InvalidConfigException notAPointer = fail(app("ignoreDifferences: [ { jsonPointers: [spec.replicas] } ]"));
        assertThat(notAPointer.field()).isEqualTo("applications[0].ignoreDifferences[0].jsonPointers[0]");
        assertThat(notAPointer.reason()).contains("not a JSON pointer");
        assertThat(fail(app("ignoreDifferences: [ { jsonPointers: [\"/a~2b\"] } ]")).reason())
                .contains("not a JSON pointer");
        assertThat(fail(app("ignoreDifferences: [ { jsonPointers: [] } ]")).reason())
                .contains("at least one JSON pointer");
        assertThat(fail(app("ignoreDifferences: [ { jqPathExpressions: [.spec] } ]")).field())
                .isEqualTo("applications[0].ignoreDifferences[0].jqPathExpressions");
    }

    @Test
    void badHelmSettingsNameTheField() {
        assertThat(fail(app("helm: { valueFiles: [../../secrets.yaml] }")).field())
                .isEqualTo("applications[0].helm.valueFiles[0]");
        assertThat(fail(app("helm: { valueFiles: [/etc/passwd] }")).reason()).contains("inside the application");
        assertThat(fail(app("helm: { values: [1, 2] }")).reason()).contains("expected a mapping of Helm values");
        assertThat(fail(app("helm: { releaseName: Web_Release }")).field()).isEqualTo("applications[0].helm.releaseName");
        InvalidConfigException tagged = fail(app("helm: { values: { blob: !!binary aGVsbG8= } }"));
        assertThat(tagged.field()).isEqualTo("applications[0].helm.values.blob");
        assertThat(tagged.reason()).contains("unsupported YAML tag");
        assertThat(fail(app("helm: { values: { a: 1, a: 2 } }")).reason()).contains("given twice");
        assertThat(fail(app("helm: { values: { big: .inf } }")).reason()).contains("quote it");
    }

    @Test
    void anUnknownRollbackActionIsRefused() {
        InvalidConfigException e = fail(app("rollback: { onFailedHealth: retry }"));
        assertThat(e.field()).isEqualTo("applications[0].rollback.onFailedHealth");
        assertThat(e.reason()).contains("known: none, revert");
        assertThat(fail(app("sync: { force: maybe }")).field()).isEqualTo("applications[0].sync.force");
    }

    @Test
    void generatorTemplatesCarryTheOptionsWithTheFolderSubstituted() throws Exception {
        LockstepFile file = parse("""
                apiVersion: lockstep.io/v1
                generators:
                  - directories: "apps/*"
                    template:
                      helm: { values: { nameOverride: "{{name}}" } }
                      ignoreDifferences: [ { kind: HorizontalPodAutoscaler, jsonPointers: [/spec/minReplicas] } ]
                """);
        AppSpec sample = file.generators().get(0).template().expand("shop", "apps/shop");
        assertThat(sample.helm().values()).containsEntry("nameOverride", "shop");
        assertThat(sample.ignoreDifferences()).singleElement()
                .satisfies(rule -> assertThat(rule.kind()).isEqualTo("HorizontalPodAutoscaler"));
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
