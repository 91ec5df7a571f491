package io.lockstep.testsupport.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that answers as Slack's documentation says Slack does (Slack itself cannot be reached from
 * here). Incoming webhooks: {@code POST /services/T…/B…/…}, {@code 200 ok} on success, plain-text errors with
 * 400/403/404/410/500 and {@code 429} with {@code Retry-After}. Web API: {@code POST /api/chat.postMessage} and
 * {@code /api/chat.update} with a bearer token, always HTTP 200 with {@code {"ok":…}} except rate limits (429).
 * Tests script the next answers with {@link #enqueue(Reply)}; accepted messages are kept in {@link #messages()}.
 */
public final class SlackStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1024 * 1024;

    private final HttpServer server;
    private final String webhookPath = "/services/T0LOCKSTEP/B0LOCKSTEP/" + UUID.randomUUID().toString()
            .replace("-", "").substring(0, 24);
    private final String botToken = "xoxb-test-" + UUID.randomUUID();
    private final List<SlackMessage> messages = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ts = new AtomicInteger(1);

    /** A scripted answer for the next request. */
    public record Reply(int status, String body, Map<String, String> headers) {
        /** {@code 429 Too Many Requests} with {@code Retry-After: seconds}. */
        public static Reply rateLimited(int retryAfterSeconds) {
            return new Reply(429, "rate_limited", Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
        }

        public static Reply status(int status) {
            return new Reply(status, status >= 500 ? "rollup_error" : "error", Map.of());
        }

        /** An incoming-webhook error as Slack sends it: an HTTP status and a plain-text code. */
        public static Reply webhookError(int status, String code) {
            return new Reply(status, code, Map.of());
        }

        /** A Web API error: HTTP 200 with {@code {"ok":false,"error":code}}. */
        public static Reply apiError(String code) {
            return new Reply(200, "{\"ok\":false,\"error\":\"" + code + "\"}",
                    Map.of("Content-Type", "application/json; charset=utf-8"));
        }
    }

    private SlackStub() throws IOException {
        // The JDK's HttpServer writes a response's headers and body in two TCP segments with Nagle's algorithm on:
        // the second waits for the client's delayed ACK, ~40 ms per call on Linux loopback. Slack does not stall
        // so, and a benchmark would measure the pause. The JDK reads this once, before its first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "slack-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static SlackStub start() {
        try {
            return new SlackStub();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Slack stand-in: " + e.getMessage(), e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An incoming-webhook URL that this stand-in accepts. Treat it as a secret, as Slack's are. */
    public String webhookUrl() {
        return baseUrl() + webhookPath;
    }

    /** Base URL of the Web API, ending in {@code /api/}. */
    public String apiBaseUrl() {
        return baseUrl() + "/api/";
    }

    /** The bot token the Web API accepts; any other token gets {@code invalid_auth}. */
    public String botToken() {
        return botToken;
    }

    public void enqueue(Reply reply) {
        script.add(reply);
    }

    /** Messages accepted (answered with success), in arrival order. */
    public List<SlackMessage> messages() {
        return List.copyOf(messages);
    }

    /** Every request received, accepted or not, as "METHOD path". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public void reset() {
        messages.clear();
        requests.clear();
        script.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "method_not_allowed", Map.of());
                return;
            }
            byte[] body = readLimited(exchange.getRequestBody());
            if (body == null) {
                respond(exchange, 413, "payload_too_large", Map.of());
                return;
            }
            Reply scripted = script.poll();
            if (path.startsWith("/services/")) {
                handleWebhook(exchange, path, body, scripted);
            } else if (path.startsWith("/api/")) {
                handleApi(exchange, path.substring("/api/".length()), body, scripted);
            } else {
                respond(exchange, 404, "not_found", Map.of());
            }
        }
    }

    private void handleWebhook(HttpExchange exchange, String path, byte[] body, Reply scripted) throws IOException {
        if (!path.equals(webhookPath)) {
            respond(exchange, 404, "no_service", Map.of());
            return;
        }
        if (scripted != null) {
            respond(exchange, scripted.status(), scripted.body(), scripted.headers());
            return;
        }
        JsonNode json = parse(body);
        if (json == null || !json.isObject() || (!json.hasNonNull("text") && !json.hasNonNull("blocks"))) {
            respond(exchange, 400, "invalid_payload", Map.of());
            return;
        }
        messages.add(new SlackMessage(path, json, headers(exchange)));
        respond(exchange, 200, "ok", Map.of("Content-Type", "text/html"));
    }

    private void handleApi(HttpExchange exchange, String method, byte[] body, Reply scripted) throws IOException {
        Map<String, String> json = Map.of("Content-Type", "application/json; charset=utf-8");
        if (scripted != null) {
            respond(exchange, scripted.status(), scripted.body(), scripted.headers());
            return;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null) {
            respond(exchange, 200, "{\"ok\":false,\"error\":\"not_authed\"}", json);
            return;
        }
        if (!auth.equals("Bearer " + botToken)) {
            respond(exchange, 200, "{\"ok\":false,\"error\":\"invalid_auth\"}", json);
            return;
        }
        JsonNode payload = parsePayload(exchange, body);
        if (payload == null) {
            respond(exchange, 200, "{\"ok\":false,\"error\":\"invalid_json\"}", json);
            return;
        }
        switch (method) {
            case "chat.postMessage", "chat.update" -> {
                String channel = payload.path("channel").asText("");
                if (channel.isEmpty()) {
                    respond(exchange, 200, "{\"ok\":false,\"error\":\"channel_not_found\"}", json);
                    return;
                }
                if (!payload.hasNonNull("text") && !payload.hasNonNull("blocks")) {
                    respond(exchange, 200, "{\"ok\":false,\"error\":\"no_text\"}", json);
                    return;
                }
                if (method.equals("chat.update") && !payload.hasNonNull("ts")) {
                    respond(exchange, 200, "{\"ok\":false,\"error\":\"message_not_found\"}", json);
                    return;
                }
                messages.add(new SlackMessage("/api/" + method, payload, headers(exchange)));
                String messageTs = method.equals("chat.update") ? payload.get("ts").asText()
                        : "1700000000." + String.format("%06d", ts.getAndIncrement());
                ObjectNode answer = JSON.createObjectNode().put("ok", true).put("channel", channel)
                        .put("ts", messageTs);
                answer.set("message", payload);
                respond(exchange, 200, answer.toString(), json);
            }
            default -> respond(exchange, 200, "{\"ok\":false,\"error\":\"unknown_method\"}", json);
        }
    }

    private static JsonNode parsePayload(HttpExchange exchange, byte[] body) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode node = JSON.createObjectNode();
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    node.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return node;
        }
        return parse(body);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_BODY + 1);
        return data.length > MAX_BODY ? null : data;
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> out.put(k.toLowerCase(), String.join(",", v)));
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
