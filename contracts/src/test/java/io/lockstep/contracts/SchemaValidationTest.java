package io.lockstep.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.lockstep.contracts.serde.EventCodec;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaValidationTest {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix("https://lockstep.io/schemas/",
                    "classpath:schemas/")));

    static JsonSchema schemaOf(EventType type) {
        return FACTORY.getSchema(SchemaLocation.of("classpath:" + type.schemaResource()));
    }

    @Test
    void everySampleValidatesAgainstTheSchemaOfItsType() throws IOException {
        for (var entry : Samples.all().entrySet()) {
            JsonNode json = EventCodec.mapper().readTree(EventCodec.encode(entry.getValue()));
            Set<ValidationMessage> errors = schemaOf(entry.getKey()).validate(json);
            assertThat(errors).as(entry.getKey().ceType()).isEmpty();
        }
    }

    @Test
    void schemasRejectAnEventWithoutItsRequiredFields() throws IOException {
        ObjectNode json = (ObjectNode) EventCodec.mapper()
                .readTree(EventCodec.encode(Samples.all().get(EventType.COMMIT_OBSERVED)));
        json.remove("appId");
        assertThat(schemaOf(EventType.COMMIT_OBSERVED).validate(json))
                .extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("appId"));
    }

    @Test
    void schemasRejectAnUnknownResultCode() throws IOException {
        ObjectNode json = (ObjectNode) EventCodec.mapper()
                .readTree(EventCodec.encode(Samples.all().get(EventType.SYNC_COMPLETED)));
        ((ObjectNode) json.withArray("results").get(0)).put("code", "exploded");
        assertThat(schemaOf(EventType.SYNC_COMPLETED).validate(json)).isNotEmpty();
    }

    @Test
    void schemasAllowFieldsAddedByANewerProducer() throws IOException {
        ObjectNode json = (ObjectNode) EventCodec.mapper()
                .readTree(EventCodec.encode(Samples.all().get(EventType.APP_IN_SYNC)));
        json.put("addedLater", "value");
        assertThat(schemaOf(EventType.APP_IN_SYNC).validate(json)).isEmpty();
    }
}
