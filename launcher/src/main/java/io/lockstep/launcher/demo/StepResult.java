package io.lockstep.launcher.demo;

import java.time.Duration;

/** How one step of the tour went, and how long it took. */
public record StepResult(int number, String title, boolean required, Status status, Duration took, String note) {
    /** {@code UNAVAILABLE}: the build lacks the feature the step shows; said plainly, never faked. */
    public enum Status {
        OK("ok"), FAILED("FAILED"), UNAVAILABLE("not available"), SKIPPED("skipped");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What a step body reports. */
    record Outcome(Status status, String note) {
        static Outcome ok(String note) {
            return new Outcome(Status.OK, note);
        }

        static Outcome failed(String note) {
            return new Outcome(Status.FAILED, note);
        }

        static Outcome skipped(String note) {
            return new Outcome(Status.SKIPPED, note);
        }

        static Outcome unavailable(String note) {
            return new Outcome(Status.UNAVAILABLE, note);
        }
    }
}
