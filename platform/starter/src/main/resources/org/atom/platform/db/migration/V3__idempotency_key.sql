-- Idempotency-Key on POSTs: the first 2xx response per (user, route, key), replayed on repeat. A row without a
-- response_status is a claim: its request is still running (duplicates get 409). Purged after the TTL.
CREATE TABLE idempotency_key (
    user_id           TEXT        NOT NULL,
    route             TEXT        NOT NULL,  -- method and path, e.g. 'POST /api/tasks'
    idempotency_key   TEXT        NOT NULL,
    request_hash      TEXT        NOT NULL,  -- SHA-256 (hex) of the request body
    created_at        TIMESTAMPTZ NOT NULL,
    response_status   INT,
    response_headers  TEXT,                  -- JSON object of the replayed headers
    response_body     BYTEA,
    completed_at      TIMESTAMPTZ,
    PRIMARY KEY (user_id, route, idempotency_key)
);

CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
