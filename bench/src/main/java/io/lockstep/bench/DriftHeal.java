package io.lockstep.bench;

import io.lockstep.contracts.events.DriftDetected;
import io.lockstep.contracts.events.SyncCompleted;
import java.util.ArrayList;
import java.util.List;

/** An out-of-band edit of a managed object → the applier's self-heal of it announced. */
final class DriftHeal {
    private final BenchStack stack;
    private final Settings settings;
    private final Results results;

    DriftHeal(BenchStack stack, Settings settings, Results results) {
        this.stack = stack;
        this.settings = settings;
        this.results = results;
    }

    void run() {
        for (int objects : settings.objectsPerApp()) {
            String app = CommitLatency.app(objects);
            String appId = "hook/" + app;
            String namespace = CommitLatency.namespace("hook", objects);
            List<String> configMaps = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                if (AppManifests.isConfigMap(i)) {
                    configMaps.add(AppManifests.configMapName(app, i));
                }
            }
            Samples samples = new Samples();
            try {
                for (int e = 0; e < settings.healEdits(); e++) {
                    String name = configMaps.get(e % configMaps.size());
                    String value = "edited-" + e;
                    int mark = stack.arrivals.mark();
                    stack.kube.configMaps().inNamespace(namespace).withName(name).edit(cm -> {
                        cm.getData().put("FEATURES", value);
                        return cm;
                    });
                    long edited = System.nanoTime();
                    Arrivals.Arrival healed = stack.arrivals.await(mark, SyncCompleted.class,
                            // The bench's 5 s periodic re-diff may see the edit before the informer's debounce
                            // ends; the heal it triggers is the same heal, and the live-change re-diff then finds
                            // nothing to do.
                            s -> s.appId().equals(appId) && (DriftDetected.LIVE_CHANGE.equals(s.trigger())
                                    || DriftDetected.PERIODIC.equals(s.trigger()))
                                    && s.results().stream().anyMatch(r -> r.ref().name().equals(name)
                                            && r.action() != io.lockstep.contracts.model.ChangeAction.NONE),
                            CommitLatency.WAIT);
                    samples.addNanos(healed.nanos() - edited);
                }
                results.add("drift-heal", "out-of-band edit → healed (selfHeal)",
                        objects + " objects, " + samples.count() + " edits", samples.summary(), "p99 ≤ 1 s",
                        samples.p99() <= 1000);
                results.series("drift heal, " + objects + " objects", samples);
            } catch (Exception e) {
                results.failed("drift-heal", objects + " objects", e);
            }
        }
        results.note("drift-heal", "Another client edits one ConfigMap of the application (a value under `data`, "
                + "rotating over its ConfigMaps); the time runs from the edit's answer to the `SyncCompleted` with "
                + "trigger `live-change` (the differ's informer saw it, waited its 150 ms debounce, re-diffed, "
                + "or `periodic` when the run's 5 s periodic re-diff saw the edit first; "
                + "the applier re-applied and checked health). The applier's self-heal backoff is raised for the run "
                + "(`lockstep.applier.self-heal.max-heals`), since a hundred edits of the same objects is the "
                + "benchmark, not a fight with another controller.");
    }
}
