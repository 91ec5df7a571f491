-- The desired state the differ last observed per application (revision, digest of the rendered objects, their
-- refs), and the refs of the revision before it so that a redelivered commit is diffed against the same baseline.
CREATE TABLE app_state (
    app_id            TEXT PRIMARY KEY,
    revision          TEXT        NOT NULL,
    digest            TEXT        NOT NULL,
    desired_refs      TEXT        NOT NULL,
    previous_revision TEXT,
    previous_refs     TEXT        NOT NULL,
    commit_observed   TEXT,
    updated_at        TIMESTAMPTZ NOT NULL
);
