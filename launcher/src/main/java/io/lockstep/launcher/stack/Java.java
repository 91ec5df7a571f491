package io.lockstep.launcher.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Java the launcher runs on; the services and the broker run on the same one. */
final class Java {
    private Java() {
    }

    static String executable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : ProcessHandle.current().info().command().orElse("java");
    }
}
