package io.lockstep.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstIsLetThroughThenEachMessageWaitsItsTurnAndNoneIsRefused() {
        RateLimiter limiter = new RateLimiter(2, 3, now::get);

        assertThat(limiter.reserve("#deploys")).isZero();
        assertThat(limiter.reserve("#deploys")).isZero();
        assertThat(limiter.reserve("#deploys")).isZero();
        // The fourth at once: the bucket is empty, it waits one interval (1/2 s); the fifth two.
        assertThat(limiter.reserve("#deploys")).isEqualTo(Duration.ofMillis(500));
        assertThat(limiter.reserve("#deploys")).isEqualTo(Duration.ofMillis(1_000));
    }

    @Test
    void waitingOutTheTurnGivesTheSlotBackAtTheAverageRate() {
        RateLimiter limiter = new RateLimiter(1, 1, now::get);

        assertThat(limiter.reserve("#deploys")).isZero();
        Duration wait = limiter.reserve("#deploys");
        assertThat(wait).isEqualTo(Duration.ofSeconds(1));
        now.addAndGet(wait.toNanos());
        assertThat(limiter.reserve("#deploys")).as("booked after the second, one interval later")
                .isEqualTo(Duration.ofSeconds(1));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(limiter.reserve("#deploys")).as("after a quiet spell").isZero();
    }

    @Test
    void eachDestinationHasItsOwnBudget() {
        RateLimiter limiter = new RateLimiter(1, 1, now::get);

        assertThat(limiter.reserve("#deploys")).isZero();
        assertThat(limiter.reserve("#ops")).isZero();
        assertThat(limiter.reserve("#deploys")).isPositive();
    }

    @Test
    void aRateThatIsNotPositiveIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new RateLimiter(0, 1, now::get)).hasMessageContaining("rate must be positive");
    }
}
