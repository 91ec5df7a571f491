package io.lockstep.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./lockstep} script refuses a Java older than 17 in one line, before it builds or runs anything. */
class LockstepScriptTest {
    @TempDir
    Path dir;

    @Test
    void aJavaOlderThan17IsRefusedInOneLine() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("jdk11/bin"));
        Path java = bin.resolve("java");
        // A stand-in for an old JDK: answers the version probe as Java 11 does.
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 11' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = Layout.findRoot().resolve("lockstep");

        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "demo").redirectErrorStream(false);
        builder.environment().put("JAVA_HOME", dir.resolve("jdk11").toString());
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(err).isEqualTo("lockstep: Java 17 or newer is needed, found 11 (" + java + "): install a JDK 17+ "
                + "or set JAVA_HOME\n");
        assertThat(out).isEmpty();
    }
}
