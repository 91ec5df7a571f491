package io.lockstep.differ.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's workloads run and measure what they claim; JMH itself runs only with {@code -Pbench}. */
class DiffBenchmarkSmokeTest {
    @Test
    void benchmarkWorkloadsRunOnceAndTheDiffFindsOnlyTheDriftedTenth() throws Exception {
        DiffBenchmark benchmark = new DiffBenchmark();
        benchmark.apps = 100;
        benchmark.setup();

        assertThat(benchmark.diff()).as("one drifted Deployment in ten applications")
                .isEqualTo(benchmark.apps / 10);
        assertThat(benchmark.diffWithPrevious()).as("the same previous revision removes nothing")
                .isEqualTo(benchmark.apps / 10);
        assertThat(benchmark.parseYaml()).isEqualTo(benchmark.apps * DiffBenchmark.OBJECTS_PER_APP);
        assertThat(benchmark.parseJson()).isPositive();
    }
}
