package io.lockstep.repowatcher.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsTheUnitsPeopleWrite() {
        assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
        assertThat(Durations.parse("60s")).contains(Duration.ofSeconds(60));
        assertThat(Durations.parse("10s")).contains(Duration.ofSeconds(10));
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
    }

    @Test
    void refusesWhatWouldBeAGuess() {
        assertThat(Durations.parse("5")).isEmpty();
        assertThat(Durations.parse("5 m")).isEmpty();
        assertThat(Durations.parse("-5m")).isEmpty();
        assertThat(Durations.parse("PT5M")).isEmpty();
        assertThat(Durations.parse("")).isEmpty();
    }
}
