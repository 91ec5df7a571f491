package io.lockstep.repowatcher.kafka;

import io.lockstep.contracts.events.LockstepEvent;
import io.lockstep.contracts.events.RefreshRequested;
import io.lockstep.contracts.serde.EventCodec;
import io.lockstep.repowatcher.schedule.PollScheduler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Takes {@code RefreshRequested} from {@code lockstep.commands} and has the named source (or the source of the named
 * application) polled now. Other commands are for other services and are ignored; an undecodable record is thrown
 * back so that it goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class RefreshCommandConsumer {
    public static final String CHANNEL = "commands";
    private static final Logger LOG = Logger.getLogger(RefreshCommandConsumer.class);

    private final PollScheduler scheduler;

    public RefreshCommandConsumer(PollScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        LockstepEvent event = EventCodec.decode(record.headers(), record.value());
        if (!(event instanceof RefreshRequested refresh)) {
            return;
        }
        // The poll runs on the poll threads: a slow fetch must not hold up the commands partition.
        if (!scheduler.refresh(refresh.appId())) {
            LOG.debugf("refresh of %s ignored: no such source here", refresh.appId());
        }
    }
}
