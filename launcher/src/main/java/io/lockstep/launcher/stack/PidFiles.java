package io.lockstep.launcher.stack;

import io.lockstep.launcher.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code <state>/pids/<name>.pid}: one file per process the launcher started, for {@code lockstep down}: the pid and
 * the process's start time, so that a pid the system has since given to another process is never mistaken for ours.
 */
public final class PidFiles {
    public static final String LAUNCHER = "launcher";

    private PidFiles() {
    }

    public static void write(Layout layout, String name, long pid) {
        String started = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(Object::toString)
                .orElse("");
        try {
            Files.createDirectories(layout.pids());
            Files.writeString(layout.pids().resolve(name + ".pid"), (pid + " " + started).strip() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Name → pid of every pid file (unreadable files are skipped: they name no process we can stop). */
    public static Map<String, Long> read(Layout layout) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (!Files.isDirectory(layout.pids())) {
            return pids;
        }
        try (Stream<Path> files = Files.list(layout.pids())) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".pid")) {
                    try {
                        String pid = Files.readString(file).strip().split("\\s+")[0];
                        pids.put(name.substring(0, name.length() - 4), Long.parseLong(pid));
                    } catch (IOException | NumberFormatException e) {
                        // Skipped: see above.
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    /** The live process a pid file names, if it still runs and started when the file says (or the file says nothing). */
    public static Optional<ProcessHandle> process(Layout layout, String name) {
        try {
            String[] parts = Files.readString(layout.pids().resolve(name + ".pid")).strip().split("\\s+");
            Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(parts[0])).filter(ProcessHandle::isAlive);
            if (parts.length > 1 && handle.isPresent()) {
                String started = handle.get().info().startInstant().map(Object::toString).orElse(parts[1]);
                return started.equals(parts[1]) ? handle : Optional.empty();
            }
            return handle;
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static void delete(Layout layout, String name) {
        try {
            Files.deleteIfExists(layout.pids().resolve(name + ".pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the pid files of the children; the launcher's own is removed by the command that wrote it. */
    public static void clear(Layout layout) {
        read(layout).keySet().stream().filter(name -> !name.equals(LAUNCHER)).forEach(name -> delete(layout, name));
    }
}
