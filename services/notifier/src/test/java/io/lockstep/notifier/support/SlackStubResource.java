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
