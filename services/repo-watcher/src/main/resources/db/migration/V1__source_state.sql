-- What the repo-watcher remembers per source: the last commit whose events the broker acknowledged, the
-- applications announced at it (to announce removals and to tell owners about failures), and the failure last
-- reported (so a failing source is reported on transitions, not on every poll).
CREATE TABLE source_state (
    source_id        VARCHAR(253) PRIMARY KEY,
    revision         VARCHAR(64),
    apps             TEXT         NOT NULL DEFAULT '[]',
    failure_key      TEXT,
    failed_revision  VARCHAR(64),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
