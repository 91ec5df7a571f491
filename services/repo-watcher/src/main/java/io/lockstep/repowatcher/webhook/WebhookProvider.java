package io.lockstep.repowatcher.webhook;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** The senders of push webhooks the watcher understands, each recognised by the headers it always sends. */
public enum WebhookProvider {
    /** Gitea first: it also sends GitHub's and Gogs' event headers for compatibility. */
    GITEA("gitea", "x-gitea-event"),
    GITHUB("github", "x-github-event"),
    GITLAB("gitlab", "x-gitlab-event"),
    BITBUCKET_CLOUD("bitbucket-cloud", "x-event-key"),
    BITBUCKET_SERVER("bitbucket-server", "x-event-key"),
    GENERIC("generic", "x-lockstep-signature");

    private final String id;
    private final String eventHeader;

    WebhookProvider(String id, String eventHeader) {
        this.id = id;
        this.eventHeader = eventHeader;
    }

    /** The name used in configuration and metrics. */
    public String id() {
        return id;
    }

    /** The provider a configured name stands for. */
    public static Optional<WebhookProvider> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    /**
     * Recognises the sender from lower-cased headers. Both Bitbucket editions send {@code X-Event-Key}; Bitbucket
     * Server/Data Center's push is {@code repo:refs_changed} and it sends {@code X-Request-Id}, Cloud sends
     * {@code X-Request-UUID} and {@code X-Hook-UUID}.
     */
    public static Optional<WebhookProvider> detect(Map<String, String> headers) {
        for (WebhookProvider p : values()) {
            if (!headers.containsKey(p.eventHeader)) {
                continue;
            }
            if (p == BITBUCKET_CLOUD || p == BITBUCKET_SERVER) {
                String key = headers.get("x-event-key");
                boolean server = key.startsWith("repo:refs_changed") || key.startsWith("pr:")
                        || key.equals("diagnostics:ping") || (headers.containsKey("x-request-id")
                                && !headers.containsKey("x-request-uuid") && !headers.containsKey("x-hook-uuid"));
                return Optional.of(server ? BITBUCKET_SERVER : BITBUCKET_CLOUD);
            }
            return Optional.of(p);
        }
        return Optional.empty();
    }

    String eventHeader() {
        return eventHeader;
    }
}
