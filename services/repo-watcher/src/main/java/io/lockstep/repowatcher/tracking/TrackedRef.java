package io.lockstep.repowatcher.tracking;

import java.util.Map;
import java.util.Optional;

/**
 * What a source follows: a branch, one exact tag, or the newest tag in a version range. Pure: given the remote's refs
 * (name → commit), it says which commit is the source's current state.
 */
public sealed interface TrackedRef {
    String HEADS = "refs/heads/";
    String TAGS = "refs/tags/";

    /** Whether a push of this ref (as a webhook names it) may move what the source follows. */
    boolean concerns(String pushedRef);

    /** The remote ref the source follows now, among the remote's refs; empty when there is none. */
    Optional<String> select(Map<String, String> remoteRefs);

    /** For messages: {@code branch 'main'}, {@code tag 'v1.2.0'}, {@code the newest tag in '>=1.2 <2'}. */
    String describe();

    /** Whether ls-remote must list tags (else heads are enough). */
    boolean needsTags();

    /** Reads the configuration of one source: a tag or a range wins over the branch; both at once is an error. */
    static TrackedRef of(String branch, Optional<String> tag, Optional<String> semver) {
        if (tag.isPresent() && semver.isPresent()) {
            throw new IllegalArgumentException("give either tag or semver, not both");
        }
        if (tag.isPresent()) {
            return new ExactTag(tag.get().strip());
        }
        if (semver.isPresent()) {
            return new NewestTag(SemverRange.parse(semver.get()));
        }
        return new Branch(branch.strip());
    }

    /** Follows a branch. */
    record Branch(String name) implements TrackedRef {
        @Override
        public boolean concerns(String pushedRef) {
            return (HEADS + name).equals(pushedRef) || name.equals(pushedRef);
        }

        @Override
        public Optional<String> select(Map<String, String> remoteRefs) {
            return remoteRefs.containsKey(HEADS + name) ? Optional.of(HEADS + name) : Optional.empty();
        }

        @Override
        public String describe() {
            return "branch '" + name + "'";
        }

        @Override
        public boolean needsTags() {
            return false;
        }
    }

    /** Follows one tag, also when it is moved to another commit. */
    record ExactTag(String name) implements TrackedRef {
        @Override
        public boolean concerns(String pushedRef) {
            return (TAGS + name).equals(pushedRef);
        }

        @Override
        public Optional<String> select(Map<String, String> remoteRefs) {
            return remoteRefs.containsKey(TAGS + name) ? Optional.of(TAGS + name) : Optional.empty();
        }

        @Override
        public String describe() {
            return "tag '" + name + "'";
        }

        @Override
        public boolean needsTags() {
            return true;
        }
    }

    /** Follows the newest tag whose name is a version in the range. */
    record NewestTag(SemverRange range) implements TrackedRef {
        @Override
        public boolean concerns(String pushedRef) {
            return pushedRef != null && pushedRef.startsWith(TAGS);
        }

        @Override
        public Optional<String> select(Map<String, String> remoteRefs) {
            return range.newest(remoteRefs.keySet().stream().filter(r -> r.startsWith(TAGS)).sorted().toList(),
                    ref -> Version.parse(ref.substring(TAGS.length())));
        }

        @Override
        public String describe() {
            return "the newest tag in '" + range + "'";
        }

        @Override
        public boolean needsTags() {
            return true;
        }
    }
}
