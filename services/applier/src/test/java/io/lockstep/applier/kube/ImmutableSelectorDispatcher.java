package io.lockstep.applier.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.lockstep.testsupport.kube.ServerSideApplyDispatcher;
import java.io.IOException;

/**
 * The API server emulator with one more rule of the real API server: a Deployment's {@code spec.selector} is
 * immutable, so an apply that changes it is refused with 422 and a {@code FieldValueInvalid} cause on
 * {@code spec.selector}, worded as the API server words it. (The shared emulator enforces no immutable fields.)
 */
final class ImmutableSelectorDispatcher extends ServerSideApplyDispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        byte[] body = request.getBody().readByteArray();
        String path = request.getPath();
        String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (plain.contains("/deployments/")) {
            MockResponse live = handleGet(plain);
            if (live.code() == 200) {
                try {
                    JsonNode applied = YAML.readTree(body);
                    JsonNode current = JSON.readTree(live.getBody().readUtf8());
                    JsonNode wanted = applied.path("spec").path("selector");
                    if (!wanted.isMissingNode() && !wanted.equals(current.path("spec").path("selector"))) {
                        return immutable(wanted);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return super.handlePatch(new RecordedRequest("HTTP/1.1", request.method(), path, request.getHeaders(),
                new Buffer(body)));
    }

    private static MockResponse immutable(JsonNode wanted) {
        String message = "spec.selector: Invalid value: " + wanted + ": field is immutable";
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("apiVersion", "v1").put("kind", "Status").put("status", "Failure").put("reason", "Invalid")
                .put("code", 422).put("message", "Deployment.apps is invalid: " + message);
        status.putObject("metadata");
        status.putObject("details").put("kind", "deployments").putArray("causes").addObject()
                .put("reason", "FieldValueInvalid").put("message", "Invalid value: " + wanted + ": field is immutable")
                .put("field", "spec.selector");
        return new MockResponse().setResponseCode(422).setBody(status.toString());
    }
}
