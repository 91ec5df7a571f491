package io.lockstep.contracts.model;

import java.time.Duration;

/** An HTTP health check an application declares: the URL must answer {@code expectedStatus} within the retries. */
public record HttpCheck(String url, int expectedStatus, int retries, Duration retryDelay) {
    public HttpCheck {
        Require.present(url, "url");
        expectedStatus = expectedStatus == 0 ? 200 : expectedStatus;
        retryDelay = retryDelay == null ? Duration.ofSeconds(10) : retryDelay;
    }
}
