package io.lockstep.repowatcher.kafka;

import io.lockstep.contracts.events.CommitEvent;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.repowatcher.config.WatcherConfig;
import io.lockstep.repowatcher.poll.EventPublisher;
import io.lockstep.support.kafka.KeyedMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Sends commit events to {@code lockstep.commits}, keyed by application id, and waits for the broker's acks. */
@ApplicationScoped
public class CommitEventPublisher implements EventPublisher {
    public static final String CHANNEL = "commits";

    private final MutinyEmitter<LockstepEvent> emitter;
    private final WatcherConfig config;

    public CommitEventPublisher(@Channel(CHANNEL) MutinyEmitter<LockstepEvent> emitter, WatcherConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    @Override
    public void publishAll(List<? extends CommitEvent> events) {
        // All sends are started first (in order, so one key's events keep their order), then awaited together.
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (CommitEvent event : events) {
            acks.add(emitter.sendMessage(KeyedMessages.of((LockstepEvent) event)).subscribeAsCompletionStage());
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.watcher().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending commit events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge the commit events: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }
}
