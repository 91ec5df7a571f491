package io.lockstep.bench;

import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.launcher.stack.ServiceProcess;
import io.lockstep.testsupport.git.GitRepoFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Many applications registered: the differ holds their desired state and re-diffs all of them; resident memory of
 * each service after that full re-diff, and the re-diff's duration.
 */
final class Scale {
    static final int OBJECTS = 10;
    private static final Duration WAIT = Duration.ofMinutes(15);
    private static final String METRIC = "lockstep_differ_diff_duration_seconds_count";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BenchStack stack;
    private final Settings settings;
    private final Results results;
    private final int otherApps;

    /** {@code otherApps}: applications the earlier measurements registered, re-diffed too. */
    Scale(BenchStack stack, Settings settings, Results results, int otherApps) {
        this.stack = stack;
        this.settings = settings;
        this.results = results;
        this.otherApps = otherApps;
    }

    void run() {
        int existing = 0;
        boolean restarted = false;
        for (int n : settings.scale()) {
            try {
                GitRepoFixture repo = stack.repo("scale");
                for (int i = existing; i < n; i++) {
                    repo.write("apps/s" + i + "/objects.yaml", AppManifests.multiDocument("s" + i, OBJECTS));
                }
                int mark = stack.arrivals.mark();
                String sha = repo.commit("Register applications up to " + n, BenchStack.AUTHOR,
                        "bench@example.com");
                long pushed = System.nanoTime();
                stack.webhook("scale");
                var planned = stack.awaitAll(mark, DriftDetected.class,
                        e -> e.appId().startsWith("scale/") && e.commit().revision().equals(sha), n - existing, WAIT);
                long last = planned.stream().mapToLong(Arrivals.Arrival::nanos).max().orElseThrow();
                double registerMs = (last - pushed) / 1e6;
                results.add("scale", "register: commit → every new application planned (DriftDetected)",
                        (n - existing) + " new apps × " + OBJECTS + " objects",
                        Results.fmt("%.1f s, %.0f apps/s", registerMs / 1000, (n - existing) / (registerMs / 1000)),
                        "", null);
                existing = n;

                if (!restarted && settings.restartForRediff()) {
                    // The periodic resync is the full re-diff; its interval is shortened for this part only.
                    stack.restart("differ", Map.of("lockstep.differ.resync-interval", "60s"));
                    restarted = true;
                }
                int total = n + otherApps;
                double rediffMs = awaitFullRediff(total);
                results.add("scale", "full re-diff (periodic resync of every application)",
                        total + " apps (" + n + " × " + OBJECTS + " objects + " + otherApps + " others)",
                        Results.fmt("%.1f s, %.0f apps/s", rediffMs / 1000, total / (rediffMs / 1000)), "", null);
                Map<String, Double> rss = new LinkedHashMap<>();
                double sum = 0;
                for (Map.Entry<String, ServiceProcess> e : stack.services().entrySet()) {
                    double mib = Machine.rssMib(e.getValue().pid());
                    rss.put(e.getKey(), mib);
                    sum += mib;
                }
                StringBuilder value = new StringBuilder();
                rss.forEach((name, mib) -> value.append(name).append(' ').append(Results.fmt("%.0f", mib))
                        .append(" MiB, "));
                value.append(Results.fmt("total %.0f MiB", sum));
                boolean target = n >= 10_000;
                results.add("scale", "resident memory (VmRSS) after the full re-diff", total + " apps", value
                        .toString(), target ? "10,000 apps ≤ 1 GiB (four services)" : "",
                        target ? sum <= 1024 : null);
            } catch (Exception e) {
                results.failed("scale", n + " applications", e);
            }
        }
        results.note("scale", "Source `scale` is a directory generator; each application is one file of " + OBJECTS
                + " objects (2 Deployments, 2 Services, 6 ConfigMaps) with `automated: false`: the watcher "
                + "announces it, the differ renders it, keeps its desired state, watches its kinds and plans it, "
                + "but nothing is applied. That is deliberate: fabric8's emulator slows down with the objects it "
                + "stores (it scans; see TOOLCHAIN), so 100,000 applied objects would measure the emulator. The "
                + "applier and notifier see every plan but have nothing to do for these applications. The full "
                + "re-diff is the differ's periodic resync (its interval shortened after a restart of the differ, "
                + "which also exercises its recovery from PostgreSQL); its duration is read from the differ's "
                + "`" + METRIC + "` on /q/metrics, sampled every 100 ms: from the first re-diff after a quiet "
                + "second to the count grown by every application. VmRSS is read from /proc/<pid>/status right "
                + "after; the services run with -Xms32m -Xmx256m" + (settings.profile() ? " and a JFR recording each (its "
                + "buffers are part of the figure)" : "") + ".");
    }

    /** Waits for a quiet second, then for the count of diffs to grow by {@code apps}; returns milliseconds. */
    private double awaitFullRediff(int apps) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long waitingSince = System.nanoTime();
        long quietSince = waitingSince;
        long last = diffs();
        // Live changes could keep the count moving: after 30 s without a quiet second, start from where it is.
        while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(1)
                && System.nanoTime() - waitingSince < TimeUnit.SECONDS.toNanos(30)) {
            sample(deadline);
            long now = diffs();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        long base = last;
        while (diffs() == base) {
            sample(deadline);
        }
        long started = System.nanoTime();
        while (diffs() < base + apps) {
            sample(deadline);
        }
        return (System.nanoTime() - started) / 1e6;
    }

    private static void sample(long deadline) throws TimeoutException, InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new TimeoutException("the differ's re-diff count did not move as expected within "
                    + WAIT.toMinutes() + " min");
        }
        // The metric is read over HTTP; nothing notifies us of a change.
        TimeUnit.MILLISECONDS.sleep(100);
    }

    private long diffs() throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + stack.service("differ").port() + "/q/metrics";
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(METRIC)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }
}
