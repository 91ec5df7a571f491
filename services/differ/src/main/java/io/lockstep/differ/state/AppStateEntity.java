package io.lockstep.differ.state;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code differ.app_state}: one per application. */
@Entity
@Table(name = "app_state")
public class AppStateEntity extends PanacheEntityBase {
    @Id
    @Column(name = "app_id")
    public String appId;

    @Column(name = "revision", nullable = false)
    public String revision;

    @Column(name = "digest", nullable = false)
    public String digest;

    /** JSON array of ObjectRef. */
    @Column(name = "desired_refs", nullable = false)
    public String desiredRefs;

    @Column(name = "previous_revision")
    public String previousRevision;

    /** JSON array of ObjectRef. */
    @Column(name = "previous_refs", nullable = false)
    public String previousRefs;

    /** The CommitObserved that produced this state, so a restart can re-diff without waiting for a commit. */
    @Column(name = "commit_observed")
    public String commitObserved;

    /** The CommitObserved of {@link #previousRevision}: which fields Lockstep declared before this revision. */
    @Column(name = "previous_commit_observed")
    public String previousCommitObserved;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
