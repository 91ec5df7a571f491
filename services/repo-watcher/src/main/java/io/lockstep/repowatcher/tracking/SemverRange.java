package io.lockstep.repowatcher.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version range in the npm/Helm notation most users know: comparators joined by spaces must all hold
 * ({@code >=1.2.0 <2.0.0}), alternatives are joined by {@code ||}; {@code 1.x}, {@code 1.2.*}, {@code ^1.2.3},
 * {@code ~1.2.3} and a bare {@code 1.2.3} are shorthands. A pre-release matches only when a comparator of the same
 * release names a pre-release, so {@code >=1.0.0} never picks {@code 2.0.0-rc.1} by surprise.
 */
public final class SemverRange {
    private static final Pattern PARTIAL = Pattern.compile(
            "(>=|<=|>|<|=|\\^|~)?\\s*v?(\\d+|[xX*])(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?");

    private final String text;
    private final List<List<Comparator>> alternatives;

    private SemverRange(String text, List<List<Comparator>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /** Parses a range, or says what is wrong with it. */
    public static SemverRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty version range");
        }
        List<List<Comparator>> alternatives = new ArrayList<>();
        for (String alternative : text.split("\\|\\|")) {
            List<Comparator> all = new ArrayList<>();
            // "1.2.3 - 2.0.0" hyphen ranges are not supported: say so rather than misread them.
            String spaced = alternative.strip().replaceAll("(>=|<=|>|<|=|\\^|~)\\s+", "$1");
            if (spaced.isEmpty()) {
                throw new IllegalArgumentException("empty alternative in version range '" + text + "'");
            }
            for (String token : spaced.split("\\s+")) {
                all.addAll(comparators(token, text));
            }
            alternatives.add(all);
        }
        return new SemverRange(text.strip(), alternatives);
    }

    /** Whether a version lies in this range. */
    public boolean matches(Version v) {
        for (List<Comparator> all : alternatives) {
            if (all.stream().allMatch(c -> c.test(v)) && (!v.isPreRelease()
                    || all.stream().anyMatch(c -> c.version.isPreRelease() && c.version.sameRelease(v)))) {
                return true;
            }
        }
        return false;
    }

    /** The newest of the given versions that lies in this range. */
    public <T> Optional<T> newest(List<T> candidates, java.util.function.Function<T, Optional<Version>> version) {
        T best = null;
        Version bestVersion = null;
        for (T candidate : candidates) {
            Optional<Version> v = version.apply(candidate);
            if (v.isPresent() && matches(v.get()) && (bestVersion == null || v.get().compareTo(bestVersion) > 0)) {
                best = candidate;
                bestVersion = v.get();
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<Comparator> comparators(String token, String range) {
        Matcher m = PARTIAL.matcher(token);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read '" + token + "' in version range '" + range
                    + "' (write e.g. >=1.2.0 <2.0.0, 1.x, ^1.2 or ~1.2.3)");
        }
        String op = m.group(1) == null ? "" : m.group(1);
        Integer major = number(m.group(2));
        Integer minor = number(m.group(3));
        Integer patch = number(m.group(4));
        List<String> pre = m.group(5) == null ? List.of() : List.of(m.group(5).split("\\."));
        if (major == null) {
            if (!op.isEmpty() && !op.equals("=")) {
                throw new IllegalArgumentException("'" + token + "' in version range '" + range + "' matches nothing");
            }
            return List.of(new Comparator(">=", new Version(0, 0, 0, List.of())));
        }
        Version low = new Version(major, minor == null ? 0 : minor, patch == null ? 0 : patch, pre);
        boolean partial = minor == null || patch == null;
        Version nextMajor = new Version(major + 1, 0, 0, List.of());
        Version nextMinor = new Version(major, (minor == null ? 0 : minor) + 1, 0, List.of());
        Version upperOfPartial = minor == null ? nextMajor : nextMinor;
        return switch (op) {
            case "^" -> {
                Version high = major > 0 || minor == null ? nextMajor
                        : minor > 0 || patch == null ? nextMinor
                        : new Version(0, 0, patch + 1, List.of());
                yield List.of(new Comparator(">=", low), new Comparator("<", high));
            }
            case "~" -> List.of(new Comparator(">=", low), new Comparator("<", upperOfPartial));
            case "", "=" -> partial ? List.of(new Comparator(">=", low), new Comparator("<", upperOfPartial))
                    : List.of(new Comparator("=", low));
            case ">" -> List.of(partial ? new Comparator(">=", upperOfPartial) : new Comparator(">", low));
            case ">=" -> List.of(new Comparator(">=", low));
            case "<" -> List.of(new Comparator("<", low));
            case "<=" -> List.of(partial ? new Comparator("<", upperOfPartial) : new Comparator("<=", low));
            default -> throw new IllegalArgumentException("unknown operator '" + op + "'");
        };
    }

    private static Integer number(String part) {
        if (part == null || part.equalsIgnoreCase("x") || part.equals("*")) {
            return null;
        }
        if (part.length() > 9) {
            throw new IllegalArgumentException("version number too large: " + part);
        }
        return Integer.valueOf(part);
    }

    private record Comparator(String op, Version version) {
        boolean test(Version v) {
            int c = v.compareTo(version);
            return switch (op) {
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                default -> c == 0;
            };
        }
    }
}
