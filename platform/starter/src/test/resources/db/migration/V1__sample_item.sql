CREATE TABLE sample_item (
    id        UUID PRIMARY KEY,
    owner_id  TEXT   NOT NULL,
    title     TEXT   NOT NULL,
    version   BIGINT NOT NULL
);
CREATE INDEX sample_item_owner_idx ON sample_item (owner_id);

-- per-user counter whose row lock orders concurrent writers: its value is the commit order of their events
CREATE TABLE sample_sequence (
    user_id  TEXT PRIMARY KEY,
    n        BIGINT NOT NULL
);

-- effect of the sample consumer: how many times it applied a "created" event per item
CREATE TABLE sample_effect (
    item_id  TEXT PRIMARY KEY,
    applied  INT  NOT NULL
);
