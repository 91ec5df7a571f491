package io.lockstep.notifier.slack;

import java.util.Optional;

/** Remembers the Slack message posted for an (application, revision, channel), so later news updates it. */
public interface SlackMessageRefs {

    /** A posted message: Slack's channel id and message timestamp, which {@code chat.update} needs. */
    record Ref(String channelId, String ts) {
    }

    Optional<Ref> find(String appId, String revision, String channel);

    void save(String appId, String revision, String channel, Ref ref);
}
