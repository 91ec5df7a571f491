package io.lockstep.applier.history;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of the sync history (table {@code sync_operation}). */
@Entity
@Table(name = "sync_operation")
public class SyncOperationEntity extends PanacheEntityBase {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";

    @Id
    @Column(name = "operation_id")
    public String operationId;
    @Column(name = "app_id")
    public String appId;
    public String revision;
    public String author;
    @Column(name = "trigger_reason")
    public String trigger;
    @Column(name = "plan_summary")
    public String planSummary;
    @Column(name = "plan_time")
    public Instant planTime;
    public String status;
    public String outcome;
    public String health;
    public String results;
    public String error;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    public boolean announced;
    @Column(name = "result_event")
    public String resultEvent;
    @Column(name = "plan_event")
    public String planEvent;
    @Column(name = "result_revision")
    public String resultRevision;
}
