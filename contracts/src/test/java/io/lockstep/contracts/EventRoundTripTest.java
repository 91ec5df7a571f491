package io.lockstep.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.serde.CloudEventHeaders;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.contracts.serde.LockstepEventDeserializer;
import io.lockstep.contracts.serde.LockstepEventSerializer;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventRoundTripTest {

    @Test
    void everyEventTypeHasASample() {
        assertThat(Samples.all().keySet()).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void everyEventSurvivesEncodeAndDecodeUnchanged() {
        Samples.all().forEach((type, event) -> {
            byte[] bytes = EventCodec.encode(event);
            LockstepEvent back = EventCodec.decode(type.ceType(), bytes);
            assertThat(back).as(type.name()).isEqualTo(event);
        });
    }

    @Test
    void theKafkaSerdeWritesBinaryModeCloudEventHeadersAndReadsThemBack() {
        LockstepEventSerializer serializer = new LockstepEventSerializer();
        serializer.configure(Map.of(LockstepEventSerializer.SOURCE_CONFIG, "/lockstep/test"), false);
        LockstepEventDeserializer deserializer = new LockstepEventDeserializer();
        Samples.all().forEach((type, event) -> {
            RecordHeaders headers = new RecordHeaders();
            byte[] bytes = serializer.serialize(type.topic(), headers, event);

            assertThat(CloudEventHeaders.read(headers, "ce_specversion")).isEqualTo("1.0");
            assertThat(CloudEventHeaders.read(headers, "ce_type")).isEqualTo(type.ceType());
            assertThat(CloudEventHeaders.read(headers, "ce_id")).isEqualTo(event.id());
            assertThat(CloudEventHeaders.read(headers, "ce_subject")).isEqualTo(event.appId());
            assertThat(CloudEventHeaders.read(headers, "ce_source")).isEqualTo("/lockstep/test");
            assertThat(CloudEventHeaders.read(headers, "content-type")).isEqualTo("application/json");
            assertThat(deserializer.deserialize(type.topic(), headers, bytes)).isEqualTo(event);
        });
    }

    @Test
    void serializingTwiceDoesNotDuplicateHeaders() {
        LockstepEventSerializer serializer = new LockstepEventSerializer();
        LockstepEvent event = Samples.all().get(EventType.APP_IN_SYNC);
        RecordHeaders headers = new RecordHeaders();
        serializer.serialize("t", headers, event);
        serializer.serialize("t", headers, event);
        assertThat(headers.headers("ce_type")).hasSize(1);
    }

    @Test
    void eventIdsAreDeterministicAndDistinguishTheirParts() {
        String a = EventIds.of(EventType.COMMIT_OBSERVED, "demo/web", "abc");
        assertThat(EventIds.of(EventType.COMMIT_OBSERVED, "demo/web", "abc")).isEqualTo(a);
        assertThat(EventIds.of(EventType.COMMIT_OBSERVED, "demo/we", "babc")).isNotEqualTo(a);
        assertThat(EventIds.of(EventType.DRIFT_DETECTED, "demo/web", "abc")).isNotEqualTo(a);
    }

    @Test
    void everyTypeTravelsOnAKnownTopic() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::topic)).allMatch(Topics.ALL::contains);
    }
}
