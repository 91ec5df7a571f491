package io.lockstep.differ.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.model.AppSpec;
import io.lockstep.contracts.model.SourceFile;
import io.lockstep.contracts.model.SyncPolicy;
import io.lockstep.contracts.model.Target;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.differ.diff.Baseline;
import io.lockstep.differ.diff.LiveSnapshot;
import io.lockstep.differ.diff.Plan;
import io.lockstep.differ.diff.Planner;
import io.lockstep.differ.render.ClusterScopedKinds;
import io.lockstep.differ.render.DesiredObject;
import io.lockstep.differ.render.ManifestRenderer;
import io.lockstep.differ.render.RenderException;
import io.lockstep.differ.render.RenderLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Diff throughput against a parse-only baseline over the same objects: {@code apps} applications (100 and 1,000) of three objects
 * (Deployment, Service, ConfigMap). {@code diff} plans every application against live objects that carry what a
 * server adds (defaults, status, managedFields, an injected sidecar; one in ten drifted); {@code parseYaml} only
 * parses and renders the same manifests from YAML, {@code parseJson} only parses the live objects from JSON (what an
 * informer hands over). Run: {@code mvn -B -o -pl services/differ -Pbench test-compile exec:exec}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DiffBenchmark {
    /** Objects per application: a Deployment, a Service and a ConfigMap. */
    static final int OBJECTS_PER_APP = 3;

    /** Applications planned per operation: objects/s = ops/s × apps × {@value #OBJECTS_PER_APP}. */
    @Param({"100", "1000"})
    int apps;
    private static final AppSpec SPEC = new AppSpec("web", "apps/web", new Target("in-cluster", "shop"),
            new SyncPolicy(true, true, true, false), null, null);

    private final ManifestRenderer renderer = new ManifestRenderer(RenderLimits.defaults(),
            ClusterScopedKinds.builtIn());
    private final Planner planner = new Planner();
    final List<List<SourceFile>> sources = new ArrayList<>();
    final List<List<DesiredObject>> desired = new ArrayList<>();
    final List<LiveSnapshot> live = new ArrayList<>();
    final List<Baseline> previous = new ArrayList<>();
    final List<byte[]> liveJson = new ArrayList<>();

    @Setup
    public void setup() throws RenderException, IOException {
        for (int i = 0; i < apps; i++) {
            List<SourceFile> files = files(i);
            List<DesiredObject> objects = renderer.render("demo/app-" + i, SPEC, files);
            Map<String, JsonNode> liveObjects = new HashMap<>();
            for (DesiredObject object : objects) {
                ObjectNode server = serverSide(object.manifest(), i % 10 == 0);
                liveObjects.put(object.ref().key(), server);
                liveJson.add(EventCodec.mapper().writeValueAsBytes(server));
            }
            sources.add(files);
            desired.add(objects);
            live.add(new LiveSnapshot(liveObjects));
            Map<String, ObjectNode> manifests = new HashMap<>();
            objects.forEach(o -> manifests.put(o.ref().key(), o.manifest()));
            previous.add(new Baseline(objects.stream().map(DesiredObject::ref).toList(), manifests));
        }
    }

    /** Plans every application: objects/s = ops/s × apps × {@value #OBJECTS_PER_APP}. */
    @Benchmark
    public int diff() {
        int changes = 0;
        for (int i = 0; i < apps; i++) {
            Plan plan = planner.plan("demo/app-" + i, desired.get(i), live.get(i), List.of());
            changes += (int) plan.changes().stream().filter(c -> !c.diff().isEmpty()).count();
        }
        return changes;
    }

    /**
     * As {@link #diff()}, with the previous revision's manifests (the same objects: every field is walked for a
     * removal, none is found): the cost of seeing fields removed from the repository.
     */
    @Benchmark
    public int diffWithPrevious() {
        int changes = 0;
        for (int i = 0; i < apps; i++) {
            Plan plan = planner.plan("demo/app-" + i, List.of(), desired.get(i), live.get(i), previous.get(i));
            changes += (int) plan.changes().stream().filter(c -> !c.diff().isEmpty()).count();
        }
        return changes;
    }

    /** Parses and renders the same manifests from YAML, nothing else. */
    @Benchmark
    public int parseYaml() throws RenderException {
        int objects = 0;
        for (int i = 0; i < apps; i++) {
            objects += renderer.render("demo/app-" + i, SPEC, sources.get(i)).size();
        }
        return objects;
    }

    /** Parses the live objects from JSON, nothing else. */
    @Benchmark
    public int parseJson() throws IOException {
        int fields = 0;
        for (byte[] json : liveJson) {
            fields += EventCodec.mapper().readTree(json).size();
        }
        return fields;
    }

    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(DiffBenchmark.class.getName() + "\\.").build()).run();
        Map<String, Map<String, Double>> perSecondBySize = new TreeMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String size = result.getParams().getParam("apps");
            perSecondBySize.computeIfAbsent(size, k -> new HashMap<>()).put(name.substring(name.lastIndexOf('.') + 1),
                    result.getPrimaryResult().getScore() * Integer.parseInt(size) * OBJECTS_PER_APP);
        }
        perSecondBySize.forEach((size, perSecond) -> {
            double diff = perSecond.get("diff");
            System.out.println();
            System.out.printf("%-46s %14s %10s%n", "benchmark (" + size + " apps x " + OBJECTS_PER_APP
                    + " objects per op)", "objects/s", "vs diff");
            for (String name : List.of("diff", "diffWithPrevious", "parseYaml", "parseJson")) {
                System.out.printf("%-46s %,14.0f %9.2fx%n", label(name), perSecond.get(name),
                        perSecond.get(name) / diff);
            }
            System.out.printf("%ndiff / parse-only (YAML) throughput ratio: %.2f  (diff / parse-only (JSON): %.2f)%n",
                    diff / perSecond.get("parseYaml"), diff / perSecond.get("parseJson"));
        });
    }

    private static String label(String name) {
        return switch (name) {
            case "diff" -> "diff (plan vs live, declared fields)";
            case "diffWithPrevious" -> "diff + removed-field walk (previous revision)";
            case "parseYaml" -> "parse-only: YAML render of the same objects";
            default -> "parse-only: JSON of the same live objects";
        };
    }

    /** The object as an API server returns it: defaults, bookkeeping, status, a webhook's sidecar. */
    static ObjectNode serverSide(ObjectNode desired, boolean drifted) {
        ObjectNode live = desired.deepCopy();
        ObjectNode metadata = (ObjectNode) live.get("metadata");
        metadata.put("resourceVersion", "12345").put("uid", "6f1c2a8e-0000-4000-8000-000000000000")
                .put("creationTimestamp", "2026-11-28T10:00:00Z").put("generation", 3);
        metadata.putArray("managedFields").addObject().put("manager", "lockstep").put("operation", "Apply")
                .putObject("fieldsV1").putObject("f:metadata").putObject("f:labels");
        metadata.with("annotations").put("deployment.kubernetes.io/revision", "3");
        String kind = live.path("kind").asText();
        if (kind.equals("Deployment")) {
            ObjectNode spec = (ObjectNode) live.get("spec");
            spec.put("revisionHistoryLimit", 10).put("progressDeadlineSeconds", 600);
            spec.putObject("strategy").put("type", "RollingUpdate");
            ObjectNode pod = (ObjectNode) spec.get("template").get("spec");
            pod.put("restartPolicy", "Always").put("dnsPolicy", "ClusterFirst");
            ArrayNode containers = (ArrayNode) pod.get("containers");
            for (JsonNode c : containers) {
                ((ObjectNode) c).put("imagePullPolicy", "IfNotPresent").put("terminationMessagePath",
                        "/dev/termination-log");
                if (drifted) {
                    ((ObjectNode) c).put("image", "nginx:9.9-hotfix");
                }
            }
            containers.insertObject(0).put("name", "istio-proxy").put("image", "istio/proxyv2:1.22");
            live.putObject("status").put("replicas", 2).put("readyReplicas", 2).put("observedGeneration", 3);
        } else if (kind.equals("Service")) {
            ObjectNode spec = (ObjectNode) live.get("spec");
            spec.put("clusterIP", "10.0.0.12").put("type", "ClusterIP").put("sessionAffinity", "None");
            for (JsonNode port : spec.get("ports")) {
                ((ObjectNode) port).put("protocol", "TCP");
            }
        }
        return live;
    }

    static List<SourceFile> files(int i) {
        return List.of(new SourceFile("deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web-%1$d
                  labels: {app: web-%1$d, tier: frontend}
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: web-%1$d}
                  template:
                    metadata:
                      labels: {app: web-%1$d}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27
                          ports: [{containerPort: 80, name: http}]
                          env:
                            - {name: LOG_LEVEL, value: info}
                            - {name: REGION, value: eu-west-1}
                          resources:
                            requests: {cpu: 100m, memory: 128Mi}
                            limits: {cpu: "1", memory: 256Mi}
                """.formatted(i)), new SourceFile("service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web-%1$d
                spec:
                  selector: {app: web-%1$d}
                  ports: [{port: 80, targetPort: http, name: http}]
                """.formatted(i)), new SourceFile("configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web-%1$d-settings
                data:
                  LOG_LEVEL: info
                  FEATURES: "search,checkout,recommendations"
                """.formatted(i)));
    }
}
