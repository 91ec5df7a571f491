package io.lockstep.differ.kafka;

import io.lockstep.contracts.events.AppRemoved;
import io.lockstep.contracts.events.CommitObserved;
import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.differ.reconcile.AppReconciler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code lockstep.commits}: a {@code CommitObserved} or {@code AppRemoved} is reconciled, other types are not
 * the differ's. An undecodable record throws, so it goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class CommitConsumer {
    public static final String CHANNEL = "commits";

    private final AppReconciler reconciler;

    public CommitConsumer(AppReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        LockstepEvent event = EventCodec.decode(record.headers(), record.value());
        if (event instanceof CommitObserved commit) {
            reconciler.reconcile(commit);
        } else if (event instanceof AppRemoved removed) {
            reconciler.reconcile(removed);
        }
    }
}
