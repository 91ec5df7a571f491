package io.lockstep.repowatcher.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version (semver.org 2.0) read from a tag name; a leading {@code v} is allowed ({@code v1.2.3}), build
 * metadata is ignored for ordering, as the spec says.
 */
public record Version(int major, int minor, int patch, List<String> preRelease) implements Comparable<Version> {
    private static final Pattern FORMAT = Pattern.compile(
            "v?(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    public Version {
        preRelease = List.copyOf(preRelease);
    }

    /** The version a tag name stands for, or empty when it is not one (such tags are never tracked by a range). */
    public static Optional<Version> parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), pre));
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        if (c != 0) {
            return c;
        }
        // A release is newer than any of its pre-releases; pre-releases compare field by field (semver §11).
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
            c = comparePart(preRelease.get(i), o.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), o.preRelease.size());
    }

    private static int comparePart(String a, String b) {
        boolean na = a.chars().allMatch(Character::isDigit);
        boolean nb = b.chars().allMatch(Character::isDigit);
        if (na && nb) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** Same major, minor and patch (pre-releases of one release belong together). */
    boolean sameRelease(Version o) {
        return major == o.major && minor == o.minor && patch == o.patch;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(List.of(major + "." + minor + "." + patch));
        if (!preRelease.isEmpty()) {
            parts.add(String.join(".", preRelease));
        }
        return String.join("-", parts);
    }
}
