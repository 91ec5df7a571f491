package io.lockstep.notifier.support;

import io.lockstep.testsupport.slack.SlackStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a Slack stand-in and points the notifier's Web API (bot token) at it; no incoming webhook. */
public class SlackWebApiResource implements QuarkusTestResourceLifecycleManager {
    private static volatile SlackStub stub;

    public static SlackStub stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        stub = SlackStub.start();
        return Map.of("lockstep.notifier.slack.bot-token", stub.botToken(),
                "lockstep.notifier.slack.api-url", stub.apiBaseUrl());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
