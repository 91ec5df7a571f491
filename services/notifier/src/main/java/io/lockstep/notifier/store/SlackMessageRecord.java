package io.lockstep.notifier.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of {@code slack_message}: the message posted for one (application, revision, channel). */
@Entity
@Table(name = "slack_message")
public class SlackMessageRecord extends PanacheEntityBase {

    /** The key: application, revision, channel as the application named it. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "app_id")
        public String appId;

        public String revision;

        public String channel;

        public Key() {
        }

        public Key(String appId, String revision, String channel) {
            this.appId = appId;
            this.revision = revision;
            this.channel = channel;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(appId, key.appId)
                    && Objects.equals(revision, key.revision) && Objects.equals(channel, key.channel);
        }

        @Override
        public int hashCode() {
            return Objects.hash(appId, revision, channel);
        }
    }

    @EmbeddedId
    public Key key;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    @Column(nullable = false)
    public String ts;

    @Column(name = "posted_at", nullable = false)
    public Instant postedAt;
}
