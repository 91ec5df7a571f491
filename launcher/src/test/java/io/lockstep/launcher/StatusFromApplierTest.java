package io.lockstep.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep status} reads the applier's read API at the address {@code up} recorded, and says so. */
class StatusFromApplierTest {
    private static final String APPLICATIONS = """
            {"applications":[{"appId":"demo/web",
              "revision":{"shortRevision":"3f2c1ab","full":"3f2c1ab9d0e4c5b6a7980f1e2d3c4b5a69788796"},
              "syncStatus":"Synced","health":"healthy",
              "lastOperation":{"id":"0b6f","trigger":"new-revision","status":"completed","outcome":"succeeded",
                "health":"healthy","startedAt":"2026-11-28T10:00:00Z","finishedAt":"2026-11-28T10:00:03Z",
                "error":null}}],"limit":500,"offset":0,"truncated":false}
            """;

    @TempDir
    Path state;
    HttpServer applier;

    @BeforeEach
    void startApplier() throws IOException {
        applier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        applier.createContext("/api/v1/applications", exchange -> {
            byte[] body = APPLICATIONS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        applier.start();
        Files.writeString(state.resolve("stack.properties"), "target=sandbox\n"
                + "bootstrap.servers=127.0.0.1:1\n"
                + "applier.url=http\\://127.0.0.1\\:" + applier.getAddress().getPort() + "\n");
    }

    @AfterEach
    void stopApplier() {
        applier.stop(0);
    }

    @Test
    void printsTheApplicationsTheApplierReportsAndNamesTheSource() {
        LaunchResult result = LaunchResult.run("status", "--state-dir", state.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("source: applier read API at http://127.0.0.1:"
                + applier.getAddress().getPort());
        assertThat(result.out()).containsPattern("demo/web +[0-9a-f]{7} +(Synced|RenderFailed) ");
        assertThat(result.out()).contains("new-revision succeeded 2026-11-28T10:00:03Z");
    }

    @Test
    void printsJsonWithTheSourceForScripts() {
        LaunchResult result = LaunchResult.run("status", "--json", "--state-dir", state.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"source\" : \"applier read API at http://127.0.0.1:",
                "\"app\" : \"demo/web\"", "\"revision\" : \"3f2c1ab\"", "\"sync\" : \"Synced\"");
    }
}
