package io.lockstep.notifier.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the delivery log (table {@code delivery}). */
@Entity
@Table(name = "delivery")
public class DeliveryRecord extends PanacheEntityBase {
    public static final String PENDING = "pending";

    @Id
    public String id;

    @Column(name = "app_id", nullable = false)
    public String appId;

    @Column(name = "revision_key", nullable = false)
    public String revisionKey;

    public String revision;

    @Column(name = "trigger_name", nullable = false)
    public String trigger;

    @Column(nullable = false)
    public String channel;

    @Column(nullable = false)
    public String destination;

    /** {@code pending} while claimed, then {@code sent} or {@code failed}. */
    @Column(nullable = false)
    public String status;

    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "suppressed_count")
    public int suppressedCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "last_suppressed_at")
    public Instant lastSuppressedAt;
}
