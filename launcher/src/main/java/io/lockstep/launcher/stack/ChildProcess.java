package io.lockstep.launcher.stack;

import java.nio.file.Path;

/** A process the launcher started and must stop: a service or the broker. */
public interface ChildProcess extends AutoCloseable {
    String name();

    long pid();

    Path log();

    @Override
    void close();
}
