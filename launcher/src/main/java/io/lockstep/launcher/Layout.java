package io.lockstep.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are: the project checkout (for the packaged services) and the state folder (logs, pid files, the
 * demo repo, broker and database data). One state folder belongs to one stack at a time.
 */
public record Layout(Path root, Path stateDir) {
    /** The property {@code ./lockstep} sets to the checkout; otherwise the launcher looks upwards from here. */
    public static final String ROOT_PROPERTY = "lockstep.root";

    public static Layout of(Path stateDirOption) {
        Path root = findRoot();
        Path state = stateDirOption != null ? stateDirOption.toAbsolutePath().normalize()
                : root.resolve(".lockstep");
        return new Layout(root, state);
    }

    static Path findRoot() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("services")) && Files.isDirectory(dir.resolve("launcher"))) {
                return dir;
            }
        }
        throw new LauncherException("cannot find the Lockstep checkout from " + Path.of("").toAbsolutePath()
                + ": run ./lockstep from the repository root");
    }

    public Path logs() {
        return stateDir.resolve("logs");
    }

    public Path pids() {
        return stateDir.resolve("pids");
    }

    /** What a running stack tells {@code status} and {@code down}: its Kafka bootstrap servers, database, target. */
    public Path stackFile() {
        return stateDir.resolve("stack.properties");
    }

    public Path demoRepo() {
        return stateDir.resolve("demo-repo");
    }

    public Path serviceJar(String service) {
        return root.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
