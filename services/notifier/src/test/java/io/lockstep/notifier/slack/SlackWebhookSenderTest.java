package io.lockstep.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.notifier.delivery.SendResult;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SlackWebhookSenderTest {

    @Test
    void twoHundredOkIsDelivered() {
        assertThat(SlackWebhookSender.classify(200, "ok", Optional.empty())).isInstanceOf(SendResult.Delivered.class);
    }

    @Test
    void aRateLimitIsTransientAndCarriesRetryAfterInSeconds() {
        assertThat(SlackWebhookSender.classify(429, "rate_limited", Optional.of("3")))
                .isEqualTo(new SendResult.Transient("Slack answered 429 rate_limited", Duration.ofSeconds(3)));
        assertThat(SlackWebhookSender.classify(429, "", Optional.of("soon")))
                .isEqualTo(new SendResult.Transient("Slack answered 429", null));
    }

    @ParameterizedTest
    @CsvSource({"500, rollup_error", "502, ''", "503, ''", "408, ''"})
    void serverErrorsAreTransient(int status, String body) {
        assertThat(SlackWebhookSender.classify(status, body, Optional.empty())).isInstanceOf(SendResult.Transient.class);
    }

    @ParameterizedTest
    @CsvSource({"400, invalid_payload", "403, action_prohibited", "404, channel_not_found", "404, no_service",
            "410, channel_is_archived"})
    void documentedWebhookErrorsArePermanentAndNamed(int status, String code) {
        assertThat(SlackWebhookSender.classify(status, code, Optional.empty()))
                .isEqualTo(new SendResult.Permanent("Slack answered " + status + " " + code));
    }
}
