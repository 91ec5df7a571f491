package io.lockstep.notifier.store;

import io.lockstep.notifier.slack.SlackMessageRefs;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Posted Slack messages in PostgreSQL ({@code slack_message}). */
@ApplicationScoped
public class PostgresSlackMessageRefs implements SlackMessageRefs {

    @Override
    public Optional<Ref> find(String appId, String revision, String channel) {
        SlackMessageRecord row = Blocking.await(() -> Panache.withSession(
                () -> SlackMessageRecord.<SlackMessageRecord>findById(
                new SlackMessageRecord.Key(appId, revision, channel))));
        return Optional.ofNullable(row).map(r -> new Ref(r.channelId, r.ts));
    }

    @Override
    public void save(String appId, String revision, String channel, Ref ref) {
        SlackMessageRecord.Key key = new SlackMessageRecord.Key(appId, revision, channel);
        Blocking.await(() -> Panache.withTransaction(() -> SlackMessageRecord.<SlackMessageRecord>findById(key)
                .onItem().transformToUni(found -> {
                    SlackMessageRecord row = found != null ? found : new SlackMessageRecord();
                    row.key = key;
                    row.channelId = ref.channelId();
                    row.ts = ref.ts();
                    row.postedAt = Instant.now();
                    return found != null ? Uni.createFrom().item(row) : row.persist();
                })));
    }
}
