-- Projects of every user: containers of tasks. A project of kind 'development' (the original API's DevProject) also
-- has a build status, a live and a preview URL and metrics; other projects have none of these.
CREATE TABLE project (
    id                uuid PRIMARY KEY,
    owner_id          text        NOT NULL,
    name              text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description       text        CHECK (char_length(description) <= 20000),
    -- normalised: a lower-case CSS colour name or #rrggbb
    color             text        CHECK (color ~ '^(#[0-9a-f]{6}|[a-z]+)$'),
    archived          boolean     NOT NULL DEFAULT false,
    kind              text        NOT NULL CHECK (kind IN ('standard', 'development')),
    -- null: progress is derived from the project's tasks
    progress_override integer     CHECK (progress_override BETWEEN 0 AND 100),
    dev_status        text        CHECK (dev_status IN ('building', 'live', 'error')),
    live_url          text        CHECK (char_length(live_url) <= 2000),
    preview_url       text        CHECK (char_length(preview_url) <= 2000),
    metrics           jsonb       CHECK (jsonb_typeof(metrics) = 'object'),
    position          double precision NOT NULL,
    version           bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    -- the target of task's (owner_id, project_id) foreign key: a task can only be in a project of its owner
    UNIQUE (owner_id, id),
    CHECK ((kind = 'development') = (dev_status IS NOT NULL AND metrics IS NOT NULL)),
    CHECK (kind = 'development' OR (live_url IS NULL AND preview_url IS NULL))
);

CREATE INDEX project_owner_position ON project (owner_id, position, id);
CREATE INDEX project_owner_created ON project (owner_id, created_at, id);
CREATE INDEX project_owner_name ON project (owner_id, lower(name), id);
CREATE INDEX project_owner_archived ON project (owner_id, archived);
CREATE INDEX project_owner_kind ON project (owner_id, kind);
CREATE INDEX project_text ON project USING gin (to_tsvector('simple', name || ' ' || coalesce(description, '')));

-- The service detaches a deleted project's tasks itself (publishing an event for each) before deleting it; SET NULL
-- covers deletions without events (a user's erasure). Only project_id is cleared, never the task's owner.
ALTER TABLE task
    ADD CONSTRAINT task_project FOREIGN KEY (owner_id, project_id) REFERENCES project (owner_id, id)
        ON DELETE SET NULL (project_id);
-- V1's task_owner_project (owner_id, project_id) indexes this key
