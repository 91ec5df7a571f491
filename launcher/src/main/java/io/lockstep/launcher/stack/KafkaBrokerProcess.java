package io.lockstep.launcher.stack;

import io.lockstep.contracts.kafka.TopicProvisioner;
import io.lockstep.launcher.LauncherException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, one node) in a process of its own, run from the
 * Maven artifacts of {@code org.apache.kafka:kafka_2.13} whose classpath the build wrote next to the launcher's
 * classes: {@code kafka.tools.StorageTool format}, then {@code kafka.Kafka server.properties}.
 */
public final class KafkaBrokerProcess implements ChildProcess {
    private static final String CLASSPATH_RESOURCE = "/io/lockstep/launcher/runtime.classpath";

    private final int port;
    private final Path log;
    private final Process process;

    private KafkaBrokerProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Formats {@code dataDir} when it holds no broker yet (a kept folder is started as it is) and starts the broker
     * on {@code port}; returns at once, see {@link #awaitReady(Duration, int)}.
     */
    public static KafkaBrokerProcess start(Path dataDir, int port, Path logDir) {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logDir);
            int controllerPort = Ports.free();
            Path logDirs = dataDir.resolve("log");
            Path properties = dataDir.resolve("server.properties");
            Files.writeString(properties, serverProperties(port, controllerPort, logDirs));
            Path log = logDir.resolve("kafka.log");
            String classpath = classpath();
            if (!Files.exists(logDirs.resolve("meta.properties"))) {
                Process format = new ProcessBuilder(java(classpath, "kafka.tools.StorageTool", "format",
                        "-t", Uuid.randomUuid().toString(), "-c", properties.toString()))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    format.destroyForcibly();
                    throw new LauncherException("cannot format the Kafka broker's storage in " + logDirs + ": see "
                            + log);
                }
            }
            Process broker = new ProcessBuilder(java(classpath, "kafka.Kafka", properties.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new KafkaBrokerProcess(port, log, broker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted while formatting the Kafka broker's storage");
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Waits until the broker accepts connections, then creates Lockstep's topics (absent ones only). */
    public void awaitReady(Duration timeout, int partitions) {
        Instant deadline = Instant.now().plus(timeout);
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new LauncherException("the Kafka broker exited with code " + process.exitValue()
                        + " while starting: see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LauncherException("the Kafka broker did not start within " + timeout.toSeconds()
                        + " s: see " + log);
            }
            pause();
        }
        TopicProvisioner.ensureTopics(bootstrapServers(), partitions, (short) 1);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        ServiceProcess.stop(process, 20);
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            // A readiness poll of a child process; nothing to be notified by.
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted while waiting for the Kafka broker");
        }
    }

    private static List<String> java(String classpath, String mainClass, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Java.executable(), "-Xms128m", "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    static String classpath() {
        try (InputStream in = KafkaBrokerProcess.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new LauncherException("the launcher was built without its Kafka classpath ("
                        + CLASSPATH_RESOURCE + "): rebuild it with mvn -B -DskipTests install -pl launcher");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String serverProperties(int port, int controllerPort, Path logDirs) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDirs.toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // One machine, one node: nothing to wait for before the first consumer group forms.
        p.put("group.initial.rebalance.delay.ms", "0");
        StringBuilder out = new StringBuilder("# Written by the Lockstep launcher.\n");
        p.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }
}
