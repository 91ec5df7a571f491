package io.lockstep.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs every measurement of the benchmark with tiny sizes against the real stack, so the harness cannot rot. It
 * asserts that the results file is written with a row for every measurement; never a figure or a timing.
 */
class BenchSmokeIT {

    @Test
    void aSmokeRunWritesTheResultsFileWithARowForEveryMeasurement() throws Exception {
        Path root = Path.of(System.getProperty("lockstep.root", "..")).toAbsolutePath().normalize();
        Path out = Path.of("target", "bench-smoke").toAbsolutePath();

        Path file = Bench.run(root, out, Settings.smoke());

        String results = Files.readString(file);
        assertThat(results).contains("git commit", "cores", "memory");
        for (String section : Results.SECTIONS) {
            assertThat(results).as("row of %s", section).contains("| " + section + " |");
        }
        assertThat(results).doesNotContain("not measured (failed");
        assertThat(out.resolve("latency.png")).isRegularFile();
    }
}
