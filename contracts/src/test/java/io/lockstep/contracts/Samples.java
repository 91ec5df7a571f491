package io.lockstep.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.events.AppInSync;
import io.lockstep.contracts.events.AppRemoved;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.NotificationDelivered;
import io.lockstep.contracts.events.RefreshRequested;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.events.RollbackRequested;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.contracts.events.SourceRecovered;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.events.SyncRequested;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.ChangeAction;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.HealthSpec;
import io.lockstep.contracts.model.HelmSpec;
import io.lockstep.contracts.model.HttpCheck;
import io.lockstep.contracts.model.IgnoreDifference;
import io.lockstep.contracts.model.NotifyRule;
import io.lockstep.contracts.model.ObjectRef;
import io.lockstep.contracts.model.ObjectResult;
import io.lockstep.contracts.model.PlannedChange;
import io.lockstep.contracts.model.ResultCode;
import io.lockstep.contracts.model.RollbackPolicy;
import io.lockstep.contracts.model.SourceFile;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import io.lockstep.contracts.serde.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fully populated sample of every event type. */
final class Samples {
    static final Instant T = Instant.parse("2026-11-28T10:15:30.123Z");
    static final CommitInfo COMMIT = new CommitInfo("https://git.example.com/acme/config.git",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", "Alice Example", "alice@example.com",
            "Bump web to 1.2.3\n\nLonger body.", T.minusSeconds(5));
    static final AppSpec APP = new AppSpec("web", "apps/web", new Target("in-cluster", "web"),
            new SyncPolicy(true, true, true, false, true, false, false),
            new HealthSpec(Duration.ofMinutes(5),
                    List.of(new HttpCheck("https://web.example.com/healthz", 200, 6, Duration.ofSeconds(10)))),
            List.of(new NotifyRule(List.of("sync-failed", "health-degraded"), "#deploys", null),
                    new NotifyRule(List.of("deployed"), null, "team@example.com")),
            List.of(new IgnoreDifference("apps", "Deployment", null, null, List.of("/spec/replicas"))),
            new HelmSpec("web", List.of("values-prod.yaml"), Map.of("replicaCount", 3)),
            new RollbackPolicy(RollbackPolicy.OnFailedHealth.REVERT));
    static final ObjectRef DEPLOYMENT = new ObjectRef("apps/v1", "Deployment", "web", "web");

    private Samples() {
    }

    static Map<EventType, LockstepEvent> all() {
        ObjectNode manifest = EventCodec.mapper().createObjectNode();
        manifest.put("apiVersion", "apps/v1").put("kind", "Deployment");
        manifest.putObject("metadata").put("name", "web").put("namespace", "web");
        String app = "demo/web";
        return Map.ofEntries(
                Map.entry(EventType.COMMIT_OBSERVED, new CommitObserved("id-1", app, "demo", COMMIT, APP,
                        List.of(new SourceFile("deployment.yaml", "kind: Deployment\n")), T)),
                Map.entry(EventType.APP_REMOVED, new AppRemoved("id-2", app, "demo", COMMIT, APP, T)),
                Map.entry(EventType.SOURCE_FAILED, new SourceFailed("id-3", "demo", "demo", COMMIT, "invalid-config",
                        "lockstep.yaml", 7, "applications[0].sync.prunne", "unknown field 'prunne'", List.of(APP), T)),
                Map.entry(EventType.SOURCE_RECOVERED, new SourceRecovered("id-12", "demo", "demo", COMMIT,
                        "fetch-failed", List.of(APP), T)),
                Map.entry(EventType.DRIFT_DETECTED, new DriftDetected("id-4", app, COMMIT, APP,
                        DriftDetected.NEW_REVISION,
                        List.of(new PlannedChange(DEPLOYMENT, ChangeAction.UPDATE, manifest,
                                "-  image: web:1.2.2\n+  image: web:1.2.3"),
                                new PlannedChange(new ObjectRef("v1", "ConfigMap", "web", "old"), ChangeAction.PRUNE,
                                        null, "")),
                        T)),
                Map.entry(EventType.APP_IN_SYNC, new AppInSync("id-5", app, COMMIT, APP, 3, T)),
                Map.entry(EventType.RENDER_FAILED, new RenderFailed("id-6", app, COMMIT, APP,
                        "apps/web/configmap.yaml", 4, "mapping values are not allowed here", T)),
                Map.entry(EventType.SYNC_COMPLETED, new SyncCompleted("id-7", app, "op-1", COMMIT, APP,
                        DriftDetected.NEW_REVISION, SyncOutcome.SUCCEEDED, Health.HEALTHY,
                        List.of(new ObjectResult(DEPLOYMENT, ChangeAction.UPDATE, ResultCode.SYNCED, "configured")),
                        null, T.minusSeconds(2), T, T)),
                Map.entry(EventType.NOTIFICATION_DELIVERED, new NotificationDelivered("id-8", app, COMMIT.revision(),
                        "deployed", "email", "team@example.com", DeliveryOutcome.SENT, 1, null, T)),
                Map.entry(EventType.SYNC_REQUESTED, new SyncRequested("id-9", app, "alice", T)),
                Map.entry(EventType.REFRESH_REQUESTED, new RefreshRequested("id-10", "demo", "alice", T)),
                Map.entry(EventType.ROLLBACK_REQUESTED, new RollbackRequested("id-11", app,
                        "1b4f0e9851971998e732078544c96b36c3d01cedf7caa332359d6f1d83567014", "alice",
                        "error rate up", T)));
    }
}
