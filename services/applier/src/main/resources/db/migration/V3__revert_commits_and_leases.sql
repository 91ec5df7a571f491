-- The commit an operation ended at, when it differs from the one it started from: for a rollback, the revert commit
-- it pushed. Tells an automatic revert that a degraded revision is itself Lockstep's revert (no ping-pong).
ALTER TABLE sync_operation ADD COLUMN result_revision TEXT;
CREATE INDEX sync_operation_reverts ON sync_operation (app_id, result_revision) WHERE trigger_reason = 'rollback';

-- Which replica runs operations of an application, until when: renewed while it works; a lease that expired
-- belongs to a replica that stopped, and another may take its operations over.
CREATE TABLE app_lease (
    app_id     TEXT PRIMARY KEY,
    holder     TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
