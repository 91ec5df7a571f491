package io.lockstep.repowatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.repowatcher.poll.PollOutcome;
import io.lockstep.repowatcher.schedule.PollScheduler;
import io.lockstep.repowatcher.support.Manifests;
import io.lockstep.repowatcher.support.SourceEvents;
import io.lockstep.repowatcher.support.TestRepo;
import java.time.Duration;
import java.util.List;

/** What the signature tests check after each commit. */
final class SignedSources {
    private SignedSources() {
    }

    static List<CommitObserved> observedAt(String source, String sha) {
        return SourceEvents.of(source).stream().filter(CommitObserved.class::isInstance)
                .map(CommitObserved.class::cast).filter(e -> e.commit().revision().equals(sha)).toList();
    }

    static List<SourceFailed> rejectedAt(String source, String sha) {
        return SourceEvents.failures(source).stream().filter(f -> f.reason().equals("signature-rejected"))
                .filter(f -> f.commit() != null && f.commit().revision().equals(sha)).toList();
    }

    /** Pushes an unsigned commit and asserts it is rejected as such. */
    static void assertUnsignedCommitRejected(PollScheduler scheduler, String source) {
        String sha;
        try (TestRepo repo = TestRepo.of(source)) {
            sha = repo.write("apps/web/cm.yaml", Manifests.configMap("web", "unsigned")).commit("Not signed");
        }
        assertRejected(scheduler, source, sha, "is not signed");
    }

    /** The commit is reported once as signature-rejected with the reason, is never announced, and is not re-read. */
    static void assertRejected(PollScheduler scheduler, String source, String sha, String why) {
        // The start-up poll may have read the commit first, so this poll can find it already handled; the event
        // awaited below is what proves the rejection either way.
        assertThat(scheduler.pollNow(source)).isIn(PollOutcome.INVALID, PollOutcome.UNCHANGED);
        await().atMost(Duration.ofSeconds(20)).until(() -> !rejectedAt(source, sha).isEmpty());
        assertThat(scheduler.pollNow(source)).isEqualTo(PollOutcome.UNCHANGED);

        assertThat(rejectedAt(source, sha)).singleElement().satisfies(failed -> {
            assertThat(failed.message()).contains("commit " + sha.substring(0, 7)).contains(why);
            assertThat(failed.source()).isEqualTo(source);
        });
        assertThat(observedAt(source, sha)).isEmpty();
    }
}
