package io.lockstep.repowatcher.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemverRangeTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "'>=1.2.0 <2.0.0', 1.2.0, true",
            "'>=1.2.0 <2.0.0', 1.9.9, true",
            "'>=1.2.0 <2.0.0', 2.0.0, false",
            "'>=1.2.0 <2.0.0', 1.1.9, false",
            "'>= 1.2.0 < 2.0.0', 1.5.0, true",
            "1.x, 1.0.0, true",
            "1.x, 1.99.3, true",
            "1.x, 2.0.0, false",
            "1.2.*, 1.2.7, true",
            "1.2.*, 1.3.0, false",
            "^1.2.3, 1.9.0, true",
            "^1.2.3, 1.2.2, false",
            "^1.2.3, 2.0.0, false",
            "^0.2.3, 0.2.9, true",
            "^0.2.3, 0.3.0, false",
            "~1.2.3, 1.2.9, true",
            "~1.2.3, 1.3.0, false",
            "1.2.3, 1.2.3, true",
            "1.2.3, 1.2.4, false",
            "'<1.0.0 || >=3.0.0', 0.9.0, true",
            "'<1.0.0 || >=3.0.0', 2.0.0, false",
            "'<1.0.0 || >=3.0.0', 3.1.0, true",
            ">1.2, 1.2.9, false",
            ">1.2, 1.3.0, true",
            "<=1.2, 1.2.9, true",
            "*, 4.5.6, true",
    })
    void matchesVersionsAsNpmAndHelmUsersExpect(String range, String version, boolean expected) {
        assertThat(SemverRange.parse(range).matches(Version.parse(version).orElseThrow())).isEqualTo(expected);
    }

    @Test
    void preReleasesMatchOnlyWhenTheRangeNamesOneOfTheSameRelease() {
        Version rc = Version.parse("2.0.0-rc.1").orElseThrow();
        assertThat(SemverRange.parse(">=1.0.0").matches(rc)).isFalse();
        assertThat(SemverRange.parse(">=2.0.0-rc.0").matches(rc)).isTrue();
        assertThat(SemverRange.parse(">=1.0.0-rc.0").matches(rc)).isFalse();
    }

    @Test
    void versionsOrderAsSemverSays() {
        List<String> sorted = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0", "10.0.0");
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(Version.parse(sorted.get(i - 1)).orElseThrow())
                    .isLessThan(Version.parse(sorted.get(i)).orElseThrow());
        }
    }

    @Test
    void theNewestMatchingTagWinsWhateverItsPrefixOrOrder() {
        TrackedRef ranged = TrackedRef.of("main", Optional.empty(), Optional.of(">=1.2.0 <2.0.0"));
        Map<String, String> refs = Map.of("refs/tags/v1.2.0", "a", "refs/tags/1.10.1", "b", "refs/tags/v1.9.0", "c",
                "refs/tags/v2.0.0", "d", "refs/tags/latest", "e", "refs/tags/v1.11.0-rc.1", "f", "refs/heads/main", "g");
        assertThat(ranged.select(refs)).contains("refs/tags/1.10.1");
        assertThat(ranged.select(Map.of("refs/tags/v0.9.0", "a"))).isEmpty();
    }

    @Test
    void tagNamesThatAreNotVersionsAreNeverPicked() {
        assertThat(Version.parse("latest")).isEmpty();
        assertThat(Version.parse("1.2")).isEmpty();
        assertThat(Version.parse("v01.2.3")).isEmpty();
        assertThat(Version.parse("v1.2.3+build.5")).contains(new Version(1, 2, 3, List.of()));
    }

    @Test
    void aRangeThatCannotBeReadSaysWhy() {
        assertThatThrownBy(() -> SemverRange.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SemverRange.parse(">=1.2.0 banana")).hasMessageContaining("'banana'");
        assertThatThrownBy(() -> SemverRange.parse("1.0.0 - 2.0.0")).hasMessageContaining("'-'");
        assertThatThrownBy(() -> TrackedRef.of("main", Optional.of("v1"), Optional.of("1.x")))
                .hasMessageContaining("either tag or semver");
    }

    @Test
    void aBranchOrTagIsConcernedOnlyByPushesOfItsOwnRef() {
        TrackedRef branch = TrackedRef.of("main", Optional.empty(), Optional.empty());
        assertThat(branch.concerns("refs/heads/main")).isTrue();
        assertThat(branch.concerns("refs/heads/main-2")).isFalse();
        assertThat(branch.concerns("refs/tags/main")).isFalse();
        TrackedRef tag = TrackedRef.of("main", Optional.of("v1.0.0"), Optional.empty());
        assertThat(tag.concerns("refs/tags/v1.0.0")).isTrue();
        assertThat(tag.concerns("refs/heads/main")).isFalse();
    }
}
