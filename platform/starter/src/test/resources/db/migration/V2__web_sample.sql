-- The web sample of the starter's tests (org.atom.platform.sample.web): user-owned, versioned, keyset-paged.
CREATE TABLE web_sample (
    id          UUID        PRIMARY KEY,
    owner_id    TEXT        NOT NULL,
    title       TEXT        NOT NULL,
    priority    TEXT        NOT NULL,
    due_date    TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL,
    version     BIGINT      NOT NULL
);

-- the list's filter and keyset order
CREATE INDEX web_sample_owner_created_idx ON web_sample (owner_id, created_at, id);
