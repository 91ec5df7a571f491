package io.lockstep.applier.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * Leases that say which replica runs operations of an application (PostgreSQL in production, so every replica sees
 * them). A lease lasts {@code ttl} unless renewed; one that expired belongs to a replica that stopped or lost touch,
 * and may be taken over. Expiry is judged by the store's clock, so replicas need not agree on the time.
 */
public interface AppLeases {
    /** Takes the lease when it is free, expired or already this holder's; false when another holder's is live. */
    boolean tryAcquire(String appId, String holder, Duration ttl);

    /** Extends this holder's lease; false when it is no longer this holder's (it expired and was taken). */
    boolean renew(String appId, String holder, Duration ttl);

    /** Gives the lease up, if it is still this holder's. */
    void release(String appId, String holder);

    /** The holder of the application's lease while it is live. */
    Optional<String> liveHolder(String appId);
}
