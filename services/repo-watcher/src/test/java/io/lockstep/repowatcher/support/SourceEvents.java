package io.lockstep.repowatcher.support;

import io.lockstep.contracts.Topics;
import io.lockstep.contracts.events.CommitEvent;
import io.lockstep.contracts.events.SourceFailed;
import io.lockstep.testsupport.kafka.KafkaBroker;
import io.lockstep.testsupport.kafka.ReceivedEvent;
import java.util.List;

/** Every event on {@code lockstep.commits} about one source (keyed by it or by one of its applications). */
public final class SourceEvents {
    private SourceEvents() {
    }

    public static List<CommitEvent> of(String source) {
        return TopicHistory.read(KafkaBroker.bootstrapServers(), Topics.COMMITS).stream().map(ReceivedEvent::event)
                .map(CommitEvent.class::cast)
                .filter(e -> e.appId().equals(source) || e.appId().startsWith(source + "/")).toList();
    }

    public static List<SourceFailed> failures(String source) {
        return of(source).stream().filter(SourceFailed.class::isInstance).map(SourceFailed.class::cast).toList();
    }
}
