-- Every sync operation the applier ran (its history), keyed by the drift event that started it.
CREATE TABLE sync_operation (
    operation_id   TEXT PRIMARY KEY,
    app_id         TEXT        NOT NULL,
    revision       TEXT        NOT NULL,
    author         TEXT,
    trigger_reason TEXT        NOT NULL,
    plan_summary   TEXT        NOT NULL,
    plan_time      TIMESTAMPTZ NOT NULL,
    status         TEXT        NOT NULL, -- running | completed
    outcome        TEXT,                 -- succeeded | failed | superseded
    health         TEXT,
    results        TEXT,                 -- per-object results, JSON array
    error          TEXT,
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ,
    announced      BOOLEAN     NOT NULL DEFAULT FALSE,
    result_event   TEXT                  -- the SyncCompleted as sent, to re-announce after a crash
);
CREATE INDEX sync_operation_app_plan_time ON sync_operation (app_id, plan_time DESC);

-- The objects the applier applied for each application: prune deletes nothing that is not listed here.
CREATE TABLE inventory_entry (
    id           TEXT PRIMARY KEY,        -- app_id + '|' + ref_key
    app_id       TEXT        NOT NULL,
    ref_key      TEXT        NOT NULL,    -- group/kind/namespace/name
    api_version  TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    namespace    TEXT,
    name         TEXT        NOT NULL,
    operation_id TEXT        NOT NULL,
    applied_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (app_id, ref_key)
);
