package io.lockstep.applier.sync;

import io.lockstep.contracts.model.ObjectRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Stops self-heal from fighting another controller forever: when the same object has to be healed more than
 * {@code maxHeals} times within {@code window}, something else keeps changing it (an HPA, an operator, a person
 * with a script). The fight is reported once and self-heal of that object pauses for {@code backoff}, doubled for
 * every further fight over it (up to 16 times). Kept in memory on purpose: after a restart the worst case is one
 * more round of the fight before it is reported again, and no decision about the target depends on it.
 */
public final class SelfHealGuard {
    /** What to do with a live-change drift. */
    public enum Verdict {
        /** Heal it. */
        HEAL,
        /** A fight was just detected: report it and do not heal. */
        FIGHT,
        /** The object is in its backoff: do not heal, nothing new to report. */
        BACKING_OFF
    }

    /** The verdict and, for a fight, the reason reported. */
    public record Decision(Verdict verdict, String reason) {
    }

    private final Clock clock;
    private final int maxHeals;
    private final Duration window;
    private final Duration backoff;
    private final Map<String, Deque<Instant>> heals = new HashMap<>();
    private final Map<String, Instant> pausedUntil = new HashMap<>();
    private final Map<String, Integer> fights = new HashMap<>();

    public SelfHealGuard(Clock clock, int maxHeals, Duration window, Duration backoff) {
        this.clock = clock;
        this.maxHeals = maxHeals;
        this.window = window;
        this.backoff = backoff;
    }

    /** Decides on a self-heal of these objects of an application, and counts it when it goes ahead. */
    public synchronized Decision admit(String appId, Collection<ObjectRef> objects) {
        Instant now = clock.instant();
        for (ObjectRef ref : objects) {
            Instant until = pausedUntil.get(key(appId, ref));
            if (until != null && now.isBefore(until)) {
                return new Decision(Verdict.BACKING_OFF, ref + " is in self-heal backoff until " + until);
            }
        }
        for (ObjectRef ref : objects) {
            String key = key(appId, ref);
            Deque<Instant> times = heals.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
                times.pollFirst();
            }
            if (times.size() >= maxHeals) {
                int round = fights.merge(key, 1, Integer::sum);
                Duration pause = backoff.multipliedBy(1L << Math.min(round - 1, 4));
                pausedUntil.put(key, now.plus(pause));
                times.clear();
                return new Decision(Verdict.FIGHT, "fighting with another controller: " + ref + " was changed in "
                        + "the cluster " + (maxHeals + 1) + " times within " + human(window)
                        + " and healed each time; self-heal of it pauses for " + human(pause));
            }
        }
        for (ObjectRef ref : objects) {
            heals.get(key(appId, ref)).addLast(now);
        }
        return new Decision(Verdict.HEAL, null);
    }

    private static String key(String appId, ObjectRef ref) {
        return appId + "|" + ref.key();
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
