package io.lockstep.bench;

import io.lockstep.contracts.EventIds;
import io.lockstep.contracts.EventType;
import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.CommitInfo;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.NotifyRule;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Deliveries per second from {@code SyncCompleted} events to the Slack stand-in, the notifier's dedup on. */
final class NotifierThroughput {
    private static final int APPS = 100;
    private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final BenchStack stack;
    private final Settings settings;
    private final Results results;

    NotifierThroughput(BenchStack stack, Settings settings, Results results) {
        this.stack = stack;
        this.settings = settings;
        this.results = results;
    }

    void run() {
        for (int events : settings.notifications()) {
            try {
                List<SyncCompleted> batch = new java.util.ArrayList<>();
                for (int i = 0; i < events; i++) {
                    batch.add(deployed("app-" + (i % APPS)));
                }
                int before = stack.slack.messages().size();
                long start = System.nanoTime();
                batch.forEach(stack.producer::send);
                while (stack.slack.messages().size() < before + events) {
                    if (System.nanoTime() - start > WAIT_NANOS) {
                        throw new TimeoutException((stack.slack.messages().size() - before) + " of " + events
                                + " messages delivered within 10 min");
                    }
                    // SlackStub records messages; it does not notify.
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                results.add("notifier", "deliveries/s to the Slack stand-in (dedup on)",
                        events + " events, " + APPS + " apps, 1 channel",
                        Results.fmt("%.0f deliveries/s (%.1f s)", events / seconds, seconds), "≥ 1000 deliveries/s",
                        events / seconds >= 1000);
            } catch (Exception e) {
                results.failed("notifier", events + " events", e);
            }
        }
        results.note("notifier", "`SyncCompleted` events (succeeded, healthy, each a new revision, so every one is "
                + "a `deployed` notification) of " + APPS + " applications subscribed to one Slack channel are "
                + "produced to `lockstep.sync-results`; the time runs from the first send to the last message "
                + "received by test-support's `SlackStub` over HTTP. Each delivery goes through the notifier's "
                + "once-only path (claim row, send, completed row, `NotificationDelivered` acked); Slack's rate "
                + "limit (1/s per channel by default) is raised for the run, or it would be what is measured.");
    }

    private static SyncCompleted deployed(String name) {
        String appId = "notify/" + name;
        String revision = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()).substring(0, 40);
        AppSpec spec = new AppSpec(name, "apps/" + name, new Target("in-cluster", "bench-notify"),
                new SyncPolicy(true, true, true, false), null,
                List.of(new NotifyRule(List.of("deployed"), "#bench", null)));
        CommitInfo commit = new CommitInfo("https://git.example.com/bench/config.git", revision, BenchStack.AUTHOR,
                "bench@example.com", "Deploy " + name, Instant.now());
        String operation = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return new SyncCompleted(EventIds.of(EventType.SYNC_COMPLETED, operation), appId, operation, commit, spec,
                "new-revision", SyncOutcome.SUCCEEDED, Health.HEALTHY, List.of(), null, now, now, now);
    }
}
