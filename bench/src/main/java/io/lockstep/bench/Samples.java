package io.lockstep.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations in milliseconds, and their percentiles (nearest rank). */
final class Samples {
    private final List<Double> millis = new ArrayList<>();

    void addNanos(long nanos) {
        millis.add(nanos / 1e6);
    }

    int count() {
        return millis.size();
    }

    List<Double> values() {
        return List.copyOf(millis);
    }

    double percentile(double p) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    double p50() {
        return percentile(50);
    }

    double p95() {
        return percentile(95);
    }

    double p99() {
        return percentile(99);
    }

    /** {@code p50 / p95 / p99 ms (n)}. */
    String summary() {
        return String.format(java.util.Locale.ROOT, "%.0f / %.0f / %.0f ms (n=%d)", p50(), p95(), p99(), count());
    }
}
