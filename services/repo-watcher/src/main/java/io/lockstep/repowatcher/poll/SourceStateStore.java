package io.lockstep.repowatcher.poll;

import java.util.Optional;

/** Durable memory of each source (PostgreSQL in production). */
public interface SourceStateStore {
    Optional<SourceState> load(String sourceId);

    void save(SourceState state);
}
