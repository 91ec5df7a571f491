package io.lockstep.launcher.stack;

import io.lockstep.launcher.LauncherException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One Lockstep service run as production runs it: the packaged Quarkus app in a JVM of its own, configured by system
 * properties (secrets by environment variables, so that they do not show in {@code ps}), its output in a log file.
 */
public final class ServiceProcess implements ChildProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code jar} with {@code config} as system properties and {@code env} added to the environment. */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> config,
            Map<String, String> env, Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new LauncherException(jar + " is missing: build the services first (./lockstep builds them, or "
                    + "mvn -B -DskipTests install -pl launcher -am)");
        }
        Map<String, String> props = new TreeMap<>(config);
        props.put("quarkus.http.port", String.valueOf(port));
        List<String> command = new ArrayList<>();
        command.add(Java.executable());
        // Small heaps and the C1 compiler only: four services plus a broker share a laptop (or a 2-core CI box).
        // The initial heap would otherwise be 1/64 of the machine's memory, so each JVM would commit its whole
        // maximum at once; it starts small, grows as needed, and gives back what a full GC finds free.
        command.add("-Xms32m");
        command.add("-Xmx256m");
        command.add("-XX:MinHeapFreeRatio=10");
        command.add("-XX:MaxHeapFreeRatio=30");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new ServiceProcess(name, port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    @Override
    public Path log() {
        return log;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** True once the service says it is ready ({@code /q/health/ready} answers 200); fails if it exited. */
    public boolean isReady() {
        if (!process.isAlive()) {
            throw new LauncherException(name + " exited with code " + process.exitValue() + " while starting: see "
                    + log);
        }
        String failure = startFailure();
        if (failure != null) {
            throw new LauncherException(name + " failed to start (" + failure + "): see " + log
                    + " (if the services are being rebuilt right now, try again when the build is done)");
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Quarkus logs this line when start-up fails, and may then keep the JVM running without ever being ready. */
    private String startFailure() {
        try {
            for (String line : Files.readAllLines(log)) {
                int at = line.indexOf("Failed to start application");
                if (at >= 0) {
                    String reason = line.substring(at + "Failed to start application".length())
                            .replaceFirst("^[:\\s]+", "");
                    return reason.length() > 200 ? reason.substring(0, 200) + "..." : reason;
                }
            }
            return null;
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop(process, 15);
    }

    /** SIGTERM (Quarkus shuts down gracefully), then SIGKILL after {@code seconds}. */
    static void stop(Process process, int seconds) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
