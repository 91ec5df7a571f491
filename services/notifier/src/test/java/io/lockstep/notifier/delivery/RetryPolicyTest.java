package io.lockstep.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), 2, Duration.ofSeconds(5),
            Duration.ofSeconds(30));
    private final Random random = new Random(42);
    private final SendResult.Transient serverError = new SendResult.Transient("500", null);

    @Test
    void theWaitGrowsExponentiallyWithJitterUpToTheCap() {
        for (int attempt = 1; attempt <= 4; attempt++) {
            long base = Math.min(1000L << (attempt - 1), 5000);
            assertThat(policy.nextDelay(attempt, serverError, random)).get()
                    .satisfies(d -> assertThat(d.toMillis()).isBetween(base / 2, base));
        }
    }

    @Test
    void theBudgetEndsTheRetries() {
        assertThat(policy.nextDelay(5, serverError, random)).isEmpty();
    }

    @Test
    void aRetryAfterIsHonouredExactly() {
        assertThat(policy.nextDelay(1, new SendResult.Transient("429", Duration.ofSeconds(7)), random))
                .contains(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterLongerThanAllowedEndsTheRetries() {
        assertThat(policy.nextDelay(1, new SendResult.Transient("429", Duration.ofSeconds(31)), random)).isEmpty();
    }
}
