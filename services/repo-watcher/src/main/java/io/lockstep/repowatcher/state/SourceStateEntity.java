package io.lockstep.repowatcher.state;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code watcher.source_state}: see V1__source_state.sql. */
@Entity
@Table(name = "source_state")
public class SourceStateEntity extends PanacheEntityBase {
    @Id
    @Column(name = "source_id")
    public String sourceId;

    @Column(name = "revision")
    public String revision;

    /** The announced applications as JSON (the contracts' AppSpec list): read and written whole, never queried. */
    @Column(name = "apps", nullable = false)
    public String apps;

    @Column(name = "failure_key")
    public String failureKey;

    @Column(name = "failures", nullable = false)
    public long failures;

    @Column(name = "failed_revision")
    public String failedRevision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
