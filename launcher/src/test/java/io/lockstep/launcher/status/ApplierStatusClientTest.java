package io.lockstep.launcher.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lockstep status} shows what the applier's read API says, and notices when the applier is not there. */
class ApplierStatusClientTest {
    private static final String RESPONSE = """
            {"applications":[{"appId":"demo/web",
              "revision":{"shortRevision":"3f2c1ab","full":"3f2c1ab9d0e4c5b6a7980f1e2d3c4b5a69788796"},
              "syncStatus":"Degraded","health":"degraded",
              "lastOperation":{"id":"0b6f","appId":"demo/web","trigger":"new-revision","status":"completed",
                "outcome":"succeeded","health":"degraded","startedAt":"2026-11-28T10:00:00Z",
                "finishedAt":"2026-11-28T10:00:42.5Z","error":"not healthy within 60s: Deployment web/web"}}],
             "limit":500,"offset":0,"truncated":false}
            """;

    @Test
    void anApplicationOfTheReadApiBecomesOneStatusRow() throws IOException {
        List<AppStatus> apps = ApplierStatusClient.parse(RESPONSE);

        assertThat(apps).singleElement().satisfies(s -> {
            assertThat(s.app()).isEqualTo("demo/web");
            assertThat(s.revision()).isEqualTo("3f2c1ab");
            assertThat(s.sync()).isEqualTo("Degraded");
            assertThat(s.health()).isEqualTo("degraded");
            assertThat(s.lastOperation()).isEqualTo("new-revision");
            assertThat(s.lastOperationOutcome()).isEqualTo("succeeded");
            assertThat(s.lastOperationAt()).isEqualTo(Instant.parse("2026-11-28T10:00:42.5Z"));
            assertThat(s.message()).startsWith("not healthy within 60s");
        });
    }

    @Test
    void aRunningOperationShowsItsStatusInsteadOfAnOutcome() throws IOException {
        List<AppStatus> apps = ApplierStatusClient.parse("""
                {"applications":[{"appId":"demo/api","revision":{"shortRevision":"abcdef0","full":"abcdef0"},
                  "syncStatus":"Syncing","health":null,"lastOperation":{"trigger":"manual","status":"running",
                  "outcome":null,"startedAt":"2026-11-28T10:00:00Z","finishedAt":null,"error":null}}]}
                """);

        assertThat(apps).singleElement().satisfies(s -> {
            assertThat(s.sync()).isEqualTo("Syncing");
            assertThat(s.health()).isEqualTo("unknown");
            assertThat(s.lastOperationOutcome()).isEqualTo("running");
            assertThat(s.lastOperationAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        });
    }

    @Test
    void anAnswerThatIsNotAnApplicationListIsRefused() {
        assertThatThrownBy(() -> ApplierStatusClient.parse("{\"status\":404}")).isInstanceOf(IOException.class)
                .hasMessageContaining("applications");
    }

    @Test
    void anApplierThatIsNotListeningIsReportedSoStatusCanFallBack() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }

        assertThatThrownBy(() -> ApplierStatusClient.read("http://127.0.0.1:" + port, Duration.ofSeconds(2)))
                .isInstanceOf(IOException.class);
    }
}
