package io.lockstep.launcher.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.contracts.serde.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of every application from the applier's read API ({@code GET /api/v1/applications}), the source of
 * {@code lockstep status} whenever the applier answers.
 */
public final class ApplierStatusClient {
    /** The most applications one status call shows: the API's own maximum page. */
    static final int LIMIT = 500;

    private ApplierStatusClient() {
    }

    /** The applications, or an exception saying why the applier did not answer usefully. */
    public static List<AppStatus> read(String applierUrl, Duration timeout) throws IOException {
        URI uri = URI.create(applierUrl.replaceFirst("/+$", "") + "/api/v1/applications?limit=" + LIMIT);
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + uri);
        }
        return parse(response.body());
    }

    /** Maps the API's application list onto the rows {@code status} prints. */
    static List<AppStatus> parse(String json) throws IOException {
        JsonNode root = EventCodec.mapper().readTree(json);
        JsonNode apps = root.path("applications");
        if (!apps.isArray()) {
            throw new IOException("not an application list: no 'applications' array");
        }
        List<AppStatus> out = new ArrayList<>();
        for (JsonNode a : apps) {
            JsonNode op = a.path("lastOperation");
            Instant finished = instant(op.path("finishedAt"));
            Instant at = finished != null ? finished : instant(op.path("startedAt"));
            String outcome = text(op.path("outcome"));
            out.add(new AppStatus(a.path("appId").asText(), text(a.path("revision").path("shortRevision")),
                    text(a.path("syncStatus")), a.hasNonNull("health") ? a.path("health").asText() : "unknown",
                    text(op.path("trigger")), outcome == null ? text(op.path("status")) : outcome, at,
                    text(op.path("error")), at));
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static Instant instant(JsonNode node) {
        String s = text(node);
        return s == null || s.isBlank() ? null : Instant.parse(s);
    }
}
