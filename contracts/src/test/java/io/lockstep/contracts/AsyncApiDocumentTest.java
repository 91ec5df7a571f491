package io.lockstep.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncApiDocumentTest {

    private static JsonNode document() throws Exception {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            return new YAMLMapper().readTree(in);
        }
    }

    @Test
    void describesEveryEventTypeOnItsTopicWithAnExistingSchema() throws Exception {
        JsonNode doc = document();
        for (EventType type : EventType.values()) {
            String name = type.recordClass().getSimpleName();
            JsonNode message = doc.at("/components/messages/" + name);
            assertThat(message.path("name").asText()).as(name).isEqualTo(type.ceType());
            String schema = message.at("/payload/$ref").asText();
            assertThat(getClass().getResource("/" + schema)).as(schema).isNotNull();

            List<String> topicsCarryingIt = new ArrayList<>();
            doc.path("channels").forEach(channel -> {
                if (channel.path("messages").has(name)) {
                    topicsCarryingIt.add(channel.path("address").asText());
                }
            });
            assertThat(topicsCarryingIt).as(name).containsExactly(type.topic());
        }
    }

    @Test
    void saysTheKeyIsTheApplicationId() throws Exception {
        assertThat(document().at("/components/messageTraits/cloudEvent/bindings/kafka/key/description").asText())
                .contains("application id");
    }
}
