-- The plan each operation ran (the DriftDetected as received): a manual sync re-applies the last one, a rollback
-- starts from it, and an operation interrupted mid-sync is completed from it at start-up.
ALTER TABLE sync_operation ADD COLUMN plan_event TEXT;
CREATE INDEX sync_operation_running ON sync_operation (status) WHERE status = 'running';
