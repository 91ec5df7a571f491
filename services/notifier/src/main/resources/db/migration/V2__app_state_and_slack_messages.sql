-- What the notifier last learned of each application, so that triggers fire on transitions only (health-recovered
-- after degraded; the same failure or drift not told twice in a row), across restarts.
CREATE TABLE app_state (
    app_id          VARCHAR(255) PRIMARY KEY,
    health          VARCHAR(32),
    revision        VARCHAR(64),
    failed_revision VARCHAR(64),
    failed_digest   VARCHAR(32),
    drift_revision  VARCHAR(64),
    drift_digest    VARCHAR(32),
    updated_at      TIMESTAMPTZ  NOT NULL
);

-- The Slack message posted through the Web API for one (application, revision, channel), so that later news of
-- that commit updates it (chat.update) instead of posting another. ts and channel_id are Slack's ids, not secrets.
CREATE TABLE slack_message (
    app_id     VARCHAR(255) NOT NULL,
    revision   VARCHAR(64)  NOT NULL,
    channel    VARCHAR(512) NOT NULL,
    channel_id VARCHAR(64)  NOT NULL,
    ts         VARCHAR(64)  NOT NULL,
    posted_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (app_id, revision, channel)
);
