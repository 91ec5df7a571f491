package io.lockstep.notifier.support;

import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.RenderFailed;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.NotifyRule;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.Target;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Builders of the events the notifier consumes, each test with its own application and commit. */
public final class Events {
    public static final String AUTHOR = "Ada Lovelace";

    private Events() {
    }

    /** A fresh application name, so tests sharing one broker and database never see each other's deliveries. */
    public static String uniqueApp(String prefix) {
        return prefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    public static AppSpec app(String name, NotifyRule... rules) {
        return new AppSpec(name, "apps/" + name, new Target("in-cluster", name), null, null, List.of(rules));
    }

    /** The e2e rule: deployed, sync-failed and health-degraded to #deploys and team@example.com. */
    public static NotifyRule deployRule() {
        return new NotifyRule(List.of("deployed", "sync-failed", "health-degraded"), "#deploys", "team@example.com");
    }

    public static CommitInfo commit(String subject) {
        byte[] sha = new byte[20];
        ThreadLocalRandom.current().nextBytes(sha);
        return new CommitInfo("https://git.example.com/demo/config.git", HexFormat.of().formatHex(sha), AUTHOR,
                "ada@example.com", subject + "\n\nLonger explanation that the notifier leaves out.",
                Instant.parse("2026-11-28T10:00:00Z"));
    }

    public static SyncCompleted deployed(AppSpec app, CommitInfo commit) {
        return sync(app, commit, SyncOutcome.SUCCEEDED, Health.HEALTHY, null);
    }

    public static SyncCompleted sync(AppSpec app, CommitInfo commit, SyncOutcome outcome, Health health,
            String error) {
        String appId = "demo/" + app.name();
        Instant now = Instant.now();
        return new SyncCompleted(EventIds.of(EventType.SYNC_COMPLETED, appId, commit.revision()), appId,
                "op-" + commit.shortRevision(), commit, app, "new-revision", outcome, health, List.of(), error,
                now.minusSeconds(3), now, now);
    }

    public static RenderFailed renderFailed(AppSpec app, CommitInfo commit, String file, int line, String message) {
        String appId = "demo/" + app.name();
        return new RenderFailed(EventIds.of(EventType.RENDER_FAILED, appId, commit.revision()), appId, commit, app,
                file, line, message, Instant.now());
    }
}
