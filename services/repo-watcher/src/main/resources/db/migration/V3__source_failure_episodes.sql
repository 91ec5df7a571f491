-- How many failures a source has reported: event ids name the failure episode, so that a failure that comes back
-- after a recovery is a new event rather than a repeat a consumer would drop.
ALTER TABLE source_state ADD COLUMN failures BIGINT NOT NULL DEFAULT 0;
