package io.lockstep.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big each measurement is. {@link #full()} is the documented run; {@link #smoke()} runs every measurement with
 * tiny sizes so the harness is exercised by the test suite (its figures mean nothing).
 *
 * @param mode {@code full} or {@code smoke}, written into the results
 * @param commits commits per commit → synced series (webhook and poll)
 * @param objectsPerApp application sizes (objects) of the commit → synced and heal series
 * @param fanOut applications touched by one commit, in increasing order
 * @param healEdits out-of-band edits per heal series
 * @param scale applications registered for the scale measurement, in increasing order
 * @param notifications events per notifier throughput run, in increasing order
 * @param floorSamples samples of each floor (fetch, Kafka hop, apply)
 * @param jmh whether the differ's JMH runs with its own iteration counts (false: one short iteration)
 * @param profile whether the services record a JFR profile
 * @param debounce the watcher's webhook debounce window (its default: 250 ms)
 * @param restartForRediff whether the scale run restarts the differ with a short resync interval (else the
 *     differ runs with a 5 s interval from the start)
 */
record Settings(String mode, int commits, List<Integer> objectsPerApp, List<Integer> fanOut, int healEdits,
        List<Integer> scale, List<Integer> notifications, int floorSamples, boolean jmh, boolean profile,
        Duration debounce, boolean restartForRediff) {

    static Settings full() {
        return new Settings("full", 100, List.of(10, 50), List.of(100, 1000), 100, List.of(1000, 10000),
                List.of(1000, 5000), 100, true, true, Duration.ofMillis(250), true);
    }

    static Settings smoke() {
        return new Settings("smoke", 3, List.of(10, 20), List.of(3, 6), 3, List.of(5, 10), List.of(3, 6), 5, false,
                false, Duration.ofMillis(250), false);
    }
}
