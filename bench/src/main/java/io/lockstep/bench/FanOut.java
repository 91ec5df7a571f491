package io.lockstep.bench;

import io.lockstep.contracts.events.SyncCompleted;
import io.lockstep.contracts.model.Health;
import io.lockstep.contracts.model.SyncOutcome;
import io.lockstep.testsupport.git.GitRepoFixture;
import java.time.Duration;
import java.util.List;

/** One commit touching N applications → every one of them synced and healthy. */
final class FanOut {
    static final int OBJECTS = 2;
    private static final Duration WAIT = Duration.ofMinutes(15);

    private final BenchStack stack;
    private final Settings settings;
    private final Results results;

    FanOut(BenchStack stack, Settings settings, Results results) {
        this.stack = stack;
        this.settings = settings;
        this.results = results;
    }

    /** A directory generator: every folder under {@code apps/} is an application. */
    static String lockstepYaml(String namespace, boolean automated) {
        return """
                apiVersion: lockstep.io/v1
                applications: []
                generators:
                  - directories: apps/*
                    template:
                      target: { cluster: in-cluster, namespace: %s }
                      sync: { automated: %s, prune: true, selfHeal: true }
                      health: { timeout: 10m }
                """.formatted(namespace, automated);
    }

    void run() {
        int existing = 0;
        for (int n : settings.fanOut()) {
            try {
                GitRepoFixture repo = stack.repo("fan");
                for (int i = existing; i < n; i++) {
                    String app = "a" + i;
                    AppManifests.files(app, OBJECTS, "0")
                            .forEach((name, yaml) -> repo.write("apps/" + app + "/" + name, yaml));
                }
                double deploy = commitAndWait(repo, n - existing, "Add applications up to " + n);
                results.add("fan-out", "first deploy of new applications (one commit)",
                        (n - existing) + " apps × " + OBJECTS + " objects", rate(n - existing, deploy), "", null);
                existing = n;

                for (int i = 0; i < n; i++) {
                    String app = "a" + i;
                    repo.write("apps/" + app + "/obj-0.yaml",
                            AppManifests.files(app, 1, "n" + n).get("obj-0.yaml"));
                }
                double touched = commitAndWait(repo, n, "Touch all " + n + " applications");
                results.add("fan-out", "one commit touching N applications → all synced and healthy",
                        n + " apps × " + OBJECTS + " objects", rate(n, touched), n == 1000 ? "1000 apps ≤ 30 s"
                                : "", n == 1000 ? touched <= 30_000 : null);
            } catch (Exception e) {
                results.failed("fan-out", n + " applications", e);
            }
        }
        results.note("fan-out", "Source `fan` is a directory generator (`apps/*`), each application a Deployment "
                + "and a Service in one shared namespace. A commit first adds the folders (all applications' first "
                + "sync), then one commit changes the image of every application's Deployment; the time runs from "
                + "the end of the push (a webhook is sent right after it) to the last of the N `SyncCompleted` "
                + "events of that revision.");
    }

    /** Commits, sends the webhook, waits for {@code apps} syncs of that revision; returns milliseconds. */
    private double commitAndWait(GitRepoFixture repo, int apps, String message) throws Exception {
        int mark = stack.arrivals.mark();
        String sha = repo.commit(message, BenchStack.AUTHOR, "bench@example.com");
        long pushed = System.nanoTime();
        stack.webhook("fan");
        List<Arrivals.Arrival> done = stack.awaitAll(mark, SyncCompleted.class,
                e -> e.appId().startsWith("fan/") && e.commit().revision().equals(sha), apps, WAIT);
        long last = done.stream().mapToLong(Arrivals.Arrival::nanos).max().orElseThrow();
        long unhealthy = done.stream().map(a -> (SyncCompleted) a.event())
                .filter(e -> e.outcome() != SyncOutcome.SUCCEEDED || e.health() != Health.HEALTHY).count();
        if (unhealthy > 0) {
            results.note("fan-out", unhealthy + " of the " + apps + " syncs of \"" + message
                    + "\" did not end succeeded and healthy.");
        }
        return (last - pushed) / 1e6;
    }

    private static String rate(int apps, double millis) {
        return Results.fmt("%.1f s, %.1f apps/s", millis / 1000, apps / (millis / 1000));
    }
}
