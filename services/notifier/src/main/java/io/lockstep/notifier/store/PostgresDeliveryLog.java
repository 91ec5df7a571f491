package io.lockstep.notifier.store;

import io.lockstep.contracts.model.DeliveryOutcome;
import io.lockstep.notifier.delivery.DeliveryKey;
import io.lockstep.notifier.delivery.DeliveryLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/** The delivery log in PostgreSQL, through Hibernate Reactive; called from the notifier's worker threads. */
@ApplicationScoped
public class PostgresDeliveryLog implements DeliveryLog {

    @Override
    public Claim claim(DeliveryKey key, String revision, Instant now) {
        return await(() -> Panache.withTransaction(() -> DeliveryRecord.<DeliveryRecord>findById(key.id())
                .onItem().transformToUni(existing -> {
                    if (existing == null) {
                        DeliveryRecord row = new DeliveryRecord();
                        row.id = key.id();
                        row.appId = key.appId();
                        row.revisionKey = key.revisionKey();
                        row.revision = revision;
                        row.trigger = key.trigger();
                        row.channel = key.channel();
                        row.destination = key.destination();
                        row.status = DeliveryRecord.PENDING;
                        row.createdAt = now;
                        return row.persist().replaceWith(Claim.claimed());
                    }
                    if (DeliveryRecord.PENDING.equals(existing.status)) {
                        // Claimed by a run that stopped before recording the result: attempt it again.
                        return Uni.createFrom().item(Claim.claimed());
                    }
                    existing.suppressedCount++;
                    existing.lastSuppressedAt = now;
                    return Uni.createFrom().item(new Claim(
                            DeliveryOutcome.valueOf(existing.status.toUpperCase(Locale.ROOT)), existing.attempts));
                })));
    }

    @Override
    public void complete(DeliveryKey key, DeliveryOutcome outcome, int attempts, String error, Instant now) {
        await(() -> Panache.withTransaction(() -> DeliveryRecord.<DeliveryRecord>findById(key.id())
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "delivery " + key.id() + " of " + key.appId() + " was never claimed"))
                .invoke(row -> {
                    row.status = outcome.name().toLowerCase(Locale.ROOT);
                    row.attempts = attempts;
                    row.lastError = error;
                    row.completedAt = now;
                })));
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("delivery log: " + e.getMessage(), e);
        }
    }
}
