package io.lockstep.notifier.support;

import io.lockstep.testsupport.slack.SlackStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the Slack stand-in and points the notifier's webhook at it. */
public class SlackStubResource implements QuarkusTestResourceLifecycleManager {
    private static volatile SlackStub stub;

    /** The stand-in of the running test application. */
    public static SlackStub stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        // The stand-in is the JDK's HttpServer, which writes a response's headers and body in two TCP segments with
        // Nagle's algorithm on: the second waits for the client's delayed ACK, ~40 ms per call on Linux loopback. A
        // real Slack does not stall so; without this the benchmark measured that pause (see the README, Benchmark).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        stub = SlackStub.start();
        return Map.of("lockstep.notifier.slack.webhook-url", stub.webhookUrl());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
