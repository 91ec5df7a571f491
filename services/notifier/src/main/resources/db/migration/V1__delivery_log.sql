-- The delivery log: one row per (application, revision, trigger, channel, destination), claimed before the first
-- attempt and completed after the last, so a redelivered event sends nothing new.
-- destination is what the application declared (a Slack channel, an address): never a webhook URL or a token.
CREATE TABLE delivery (
    id                 VARCHAR(36)  PRIMARY KEY,
    app_id             VARCHAR(255) NOT NULL,
    revision_key       VARCHAR(255) NOT NULL,
    revision           VARCHAR(64),
    trigger_name       VARCHAR(64)  NOT NULL,
    channel            VARCHAR(32)  NOT NULL,
    destination        VARCHAR(512) NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    attempts           INTEGER      NOT NULL DEFAULT 0,
    last_error         TEXT,
    suppressed_count   INTEGER      NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ  NOT NULL,
    completed_at       TIMESTAMPTZ,
    last_suppressed_at TIMESTAMPTZ,
    CONSTRAINT delivery_once UNIQUE (app_id, revision_key, trigger_name, channel, destination),
    CONSTRAINT delivery_status CHECK (status IN ('pending', 'sent', 'failed'))
);

CREATE INDEX delivery_by_app ON delivery (app_id, created_at);
