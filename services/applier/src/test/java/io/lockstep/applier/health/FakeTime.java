package io.lockstep.applier.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when the code under test pauses: health waits run instantly and deterministically. */
public final class FakeTime extends Clock implements Pacer {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    public final List<Duration> pauses = new ArrayList<>();

    @Override
    public void pause(Duration duration) {
        pauses.add(duration);
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
        return this;
    }
}
