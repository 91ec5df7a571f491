package io.lockstep.notifier.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code app_state}: what the notifier last learned of one application. */
@Entity
@Table(name = "app_state")
public class AppStateRecord extends PanacheEntityBase {
    @Id
    @Column(name = "app_id")
    public String appId;

    public String health;

    public String revision;

    @Column(name = "failed_revision")
    public String failedRevision;

    @Column(name = "failed_digest")
    public String failedDigest;

    @Column(name = "drift_revision")
    public String driftRevision;

    @Column(name = "drift_digest")
    public String driftDigest;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
