-- Webhook deliveries already taken, so that a captured delivery cannot be replayed. Each delivery is remembered by
-- its sender's id ('id:<id>') and by the digest of what it signed ('body:<sha256>'), because a sender's delivery id
-- header is not covered by its signature. Rows older than the retention are deleted as new deliveries arrive.
CREATE TABLE webhook_delivery (
    source_id     VARCHAR(253) NOT NULL,
    delivery_key  VARCHAR(300) NOT NULL,
    provider      VARCHAR(32)  NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source_id, delivery_key)
);

CREATE INDEX webhook_delivery_received_at ON webhook_delivery (received_at);
