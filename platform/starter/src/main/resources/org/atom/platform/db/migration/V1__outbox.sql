-- Transactional outbox: rows are written in the business transaction and published by the relay.
CREATE TABLE outbox_event (
    position     BIGSERIAL PRIMARY KEY,
    id           UUID        NOT NULL UNIQUE,
    topic        TEXT        NOT NULL,
    message_key  TEXT        NOT NULL,
    type         TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    traceparent  TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at      TIMESTAMPTZ
);

CREATE INDEX outbox_event_unsent_idx ON outbox_event (position) WHERE sent_at IS NULL;
CREATE INDEX outbox_event_sent_at_idx ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;

-- Wakes the relay when a transaction that wrote events commits (NOTIFY is delivered at commit).
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_' || TG_TABLE_SCHEMA, '');
    RETURN NULL;
END $$;

CREATE TRIGGER outbox_event_notify
    AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
