package io.lockstep.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.launcher.status.AppStatus;
import io.lockstep.launcher.status.ApplierStatusClient;
import io.lockstep.launcher.status.StatusReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep status}: every application with its revision, sync status, health and last operation, read from
 * the applier's read API; from the event topics only when the applier does not answer (one line says which).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints every application with revision, sync status, health and last operation.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON, for scripts.")
    boolean json;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "State folder of the stack (default: .lockstep).")
    Path stateDir;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka to read from (default: the one ./lockstep up started).")
    String bootstrapServers;

    @Option(names = "--applier-url", paramLabel = "URL",
            description = "The applier's HTTP address (default: the one ./lockstep up started).")
    String applierUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "Longest wait for Kafka (default: ${DEFAULT-VALUE}).")
    int timeout;

    /** The applier answers from its database at once; longer than this means it is not there. */
    static final Duration APPLIER_TIMEOUT = Duration.ofSeconds(3);

    @Override
    public Integer call() throws IOException {
        Console console = new Console(spec.commandLine().getOut());
        Layout layout = Layout.of(stateDir);
        String target = "unknown";
        String bootstrap = bootstrapServers;
        String applier = applierUrl;
        if (Files.isRegularFile(layout.stackFile())) {
            Properties stack = new Properties();
            try (Reader in = Files.newBufferedReader(layout.stackFile())) {
                stack.load(in);
            }
            target = stack.getProperty("target", target);
            if (bootstrap == null) {
                bootstrap = stack.getProperty("bootstrap.servers");
            }
            if (applier == null) {
                applier = stack.getProperty("applier.url");
            }
        }
        if (bootstrap == null && applier == null) {
            throw new LauncherException("nothing is running from " + layout.stateDir() + " (no stack.properties): "
                    + "start it with ./lockstep up, or pass --applier-url or --bootstrap-servers");
        }
        List<AppStatus> apps = null;
        String source;
        String unavailable = applier == null ? "no applier address known" : null;
        if (applier != null) {
            try {
                apps = ApplierStatusClient.read(applier, APPLIER_TIMEOUT);
            } catch (IOException | RuntimeException e) {
                unavailable = "the applier at " + applier + " did not answer ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
            }
        }
        if (apps != null) {
            source = "applier read API at " + applier;
        } else if (bootstrap != null) {
            apps = StatusReader.read(bootstrap, Duration.ofSeconds(timeout));
            source = "Kafka topics at " + bootstrap + " (" + unavailable + ")";
        } else {
            throw new LauncherException(unavailable + ", and no Kafka address is known to fall back to: pass "
                    + "--bootstrap-servers");
        }
        if (json) {
            console.line(toJson(target, source, apps));
        } else {
            console.line("target: %s", target.equals("sandbox") ? "sandbox (fabric8 API server emulator + workload "
                    + "simulator)" : target);
            console.line("source: %s", source);
            printTable(console, apps);
        }
        return 0;
    }

    static void printTable(Console console, List<AppStatus> apps) {
        if (apps.isEmpty()) {
            console.line("  no application has been seen yet");
            return;
        }
        String format = "  %-20s %-9s %-13s %-10s %-46s %s";
        console.line(format, "APPLICATION", "REVISION", "SYNC", "HEALTH", "LAST OPERATION", "MESSAGE");
        for (AppStatus a : apps) {
            String operation = a.lastOperation() == null ? "-" : a.lastOperation() + " " + a.lastOperationOutcome()
                    + (a.lastOperationAt() == null ? "" : " " + a.lastOperationAt().toString().replaceFirst(
                            "\\.\\d+Z$", "Z"));
            console.line(format, a.app(), nullToDash(a.revision()), a.sync(), a.health(), operation,
                    nullToDash(a.message()));
        }
    }

    static String toJson(String target, String source, List<AppStatus> apps) throws JsonProcessingException {
        ObjectNode root = EventCodec.mapper().createObjectNode();
        root.put("target", target);
        root.put("source", source);
        ArrayNode list = root.putArray("applications");
        for (AppStatus a : apps) {
            ObjectNode node = list.addObject();
            node.put("app", a.app());
            node.put("revision", a.revision());
            node.put("sync", a.sync());
            node.put("health", a.health());
            node.put("message", a.message());
            node.put("updatedAt", a.updatedAt() == null ? null : a.updatedAt().toString());
            if (a.lastOperation() == null) {
                node.putNull("lastOperation");
            } else {
                ObjectNode op = node.putObject("lastOperation");
                op.put("trigger", a.lastOperation());
                op.put("outcome", a.lastOperationOutcome());
                op.put("finishedAt", a.lastOperationAt() == null ? null : a.lastOperationAt().toString());
            }
        }
        return EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }
}
