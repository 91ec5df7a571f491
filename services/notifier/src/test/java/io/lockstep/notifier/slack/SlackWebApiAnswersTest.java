package io.lockstep.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.notifier.delivery.SendResult;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlackWebApiAnswersTest {

    @Test
    void okIsDeliveredAndCarriesTheChannelIdAndTimestampOfTheMessage() {
        SlackWebApiSender.Answer answer = SlackWebApiSender.classify("chat.postMessage", 200,
                "{\"ok\":true,\"channel\":\"C024BE91L\",\"ts\":\"1401383885.000061\"}", Optional.empty());

        assertThat(answer.result()).isInstanceOf(SendResult.Delivered.class);
        assertThat(answer.channel()).isEqualTo("C024BE91L");
        assertThat(answer.ts()).isEqualTo("1401383885.000061");
    }

    @Test
    void aRateLimitIsTransientAndCarriesRetryAfter() {
        SendResult result = SlackWebApiSender.classify("chat.postMessage", 429, "", Optional.of("3")).result();

        assertThat(result).isInstanceOfSatisfying(SendResult.Transient.class,
                t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
            "channel_not_found", "not_in_channel", "is_archived", "invalid_blocks", "msg_too_long", "no_text",
            "missing_scope", "invalid_arguments"})
    void documentedPermanentErrorsAreNotRetriedAndNamedByTheirCodeOnly(String code) {
        SendResult result = SlackWebApiSender.classify("chat.postMessage", 200,
                "{\"ok\":false,\"error\":\"" + code + "\"}", Optional.empty()).result();

        assertThat(result).isInstanceOfSatisfying(SendResult.Permanent.class,
                p -> assertThat(p.error()).isEqualTo("Slack chat.postMessage answered " + code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"})
    void slacksOwnTransientErrorsAreRetried(String code) {
        assertThat(SlackWebApiSender.classify("chat.update", 200, "{\"ok\":false,\"error\":\"" + code + "\"}",
                Optional.empty()).result()).isInstanceOf(SendResult.Transient.class);
    }

    @Test
    void serverErrorsAreTransient() {
        assertThat(SlackWebApiSender.classify("chat.postMessage", 503, "", Optional.empty()).result())
                .isInstanceOf(SendResult.Transient.class);
    }
}
