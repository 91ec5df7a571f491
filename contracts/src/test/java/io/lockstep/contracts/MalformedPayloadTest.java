package io.lockstep.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.contracts.events.AppInSync;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.contracts.serde.EventDecodingException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class MalformedPayloadTest {
    private static final String COMMIT_TYPE = EventType.COMMIT_OBSERVED.ceType();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEventWithAnUnknownFieldStillDecodes() throws Exception {
        LockstepEvent sample = Samples.all().get(EventType.COMMIT_OBSERVED);
        ObjectNode json = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(sample));
        json.put("priority", "high");
        ((ObjectNode) json.get("commit")).putObject("signature").put("verified", true);

        LockstepEvent decoded = EventCodec.decode(COMMIT_TYPE, EventCodec.mapper().writeValueAsBytes(json));

        assertThat(decoded).isEqualTo(sample);
    }

    @Test
    void invalidJsonSaysItIsMalformedAndWhere() {
        assertThatThrownBy(() -> EventCodec.decode(COMMIT_TYPE, utf8("{\"id\": \"x\",\n \"appId\": }")))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("cannot decode io.lockstep.commit.observed.v1: ")
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("line 2");
    }

    @Test
    void aMissingRequiredFieldIsNamed() throws Exception {
        ObjectNode json = (ObjectNode) EventCodec.mapper()
                .readTree(EventCodec.encode(Samples.all().get(EventType.COMMIT_OBSERVED)));
        ((ObjectNode) json.get("commit")).remove("revision");

        assertThatThrownBy(() -> EventCodec.decode(COMMIT_TYPE, EventCodec.mapper().writeValueAsBytes(json)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("field 'commit'")
                .hasMessageContaining("missing required field 'revision'");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithTheExpectedType() {
        String json = "{\"id\":\"i\",\"appId\":\"a\",\"source\":\"s\",\"time\":\"2026-01-01T00:00:00Z\","
                + "\"commit\":{\"revision\":\"r\"},\"app\":{\"name\":\"n\",\"path\":\"p\"},\"files\":\"oops\"}";
        assertThatThrownBy(() -> EventCodec.decode(COMMIT_TYPE, utf8(json)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("field 'files'")
                .hasMessageContaining("expected a list");
    }

    @Test
    void anUnparseableTimestampIsNamed() {
        String json = "{\"id\":\"i\",\"appId\":\"a\",\"commit\":{\"revision\":\"r\"},"
                + "\"app\":{\"name\":\"n\",\"path\":\"p\"},\"objects\":1,\"time\":\"yesterday\"}";
        assertThatThrownBy(() -> EventCodec.decode(AppInSync.class, utf8(json)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("field 'time'");
    }

    @Test
    void anUnknownEventTypeIsRefusedByName() {
        assertThatThrownBy(() -> EventCodec.decode("io.example.other.v1", utf8("{}")))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("unknown event type 'io.example.other.v1'");
    }

    @Test
    void aRecordWithoutTheTypeHeaderIsRefused() {
        assertThatThrownBy(() -> EventCodec.decode(new RecordHeaders(), utf8("{}")))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("ce_type");
    }

    @Test
    void emptyAndOversizedPayloadsAreRefusedBeforeParsing() {
        assertThatThrownBy(() -> EventCodec.decode(COMMIT_TYPE, new byte[0]))
                .hasMessageContaining("empty");
        byte[] huge = new byte[EventCodec.MAX_EVENT_BYTES + 1];
        assertThatThrownBy(() -> EventCodec.decode(COMMIT_TYPE, huge))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("over the limit");
    }

    @Test
    void errorsNeverQuoteThePayload() {
        String secret = "s3cr3t-token-value";
        String json = "{\"id\":\"i\",\"appId\":\"a\",\"files\":[{\"path\":\"x\",\"content\":\"" + secret
                + "\"}], \"commit\": 42}";
        assertThatThrownBy(() -> EventCodec.decode(CommitObserved.class, utf8(json)))
                .isInstanceOf(EventDecodingException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }

    @Test
    void hostileTypeNamesAreClippedAndStrippedOfControlCharacters() {
        String hostile = "evil\n\u001b[31m" + "x".repeat(500);
        assertThatThrownBy(() -> EventCodec.decode(hostile, utf8("{}")))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(200));
    }

    @Test
    void deeplyNestedJsonIsRefusedWithAClearError() {
        String deep = "{\"id\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> EventCodec.decode(COMMIT_TYPE, utf8(deep)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("cannot decode");
    }
}
