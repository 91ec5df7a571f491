package io.lockstep.differ.it;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.SourceFile;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small web application (Deployment, Service, ConfigMap) as the repo-watcher sends it; and the applier's part. */
final class TestApps {
    private TestApps() {
    }

    static CommitObserved commit(String appId, String namespace, String revision) {
        List<SourceFile> sources = files().entrySet().stream().map(e -> new SourceFile(e.getKey(), e.getValue()))
                .toList();
        return new CommitObserved(EventIds.of(EventType.COMMIT_OBSERVED, appId, revision), appId, "demo",
                new CommitInfo("file:///repo.git", revision, "Ada", "ada@example.com", "change " + revision,
                        Instant.parse("2026-11-28T10:00:00Z")),
                new AppSpec(namespace, "apps/" + namespace, new Target("in-cluster", namespace),
                        new SyncPolicy(true, true, true, false), null, null),
                sources, Instant.now());
    }

    /** Plays the applier: server-side applies each object to create or update, with the applier's field manager. */
    static void apply(KubernetesClient client, DriftDetected drift) {
        for (PlannedChange change : drift.plan()) {
            if (change.action() == ChangeAction.CREATE || change.action() == ChangeAction.UPDATE) {
                GenericKubernetesResource resource = client.getKubernetesSerialization()
                        .convertValue(change.desired(), GenericKubernetesResource.class);
                client.resource(resource).fieldManager("lockstep").forceConflicts().serverSideApply();
            }
        }
    }

    static Map<String, String> files() {
        Map<String, String> files = new TreeMap<>();
        files.put("deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: {app: web}
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27
                          ports: [{containerPort: 80}]
                """);
        files.put("service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 80}]
                """);
        files.put("configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web-settings
                data:
                  LOG_LEVEL: info
                """);
        return files;
    }
}
