-- Notes of every user (Markdown), optionally linked to one of the owner's tasks or to a calendar event (an id owned
-- by calendar-service, kept as given). Every query filters on owner_id first.
CREATE TABLE note (
    id                uuid PRIMARY KEY,
    owner_id          text        NOT NULL,
    title             text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
    content           text        NOT NULL DEFAULT '' CHECK (char_length(content) <= 200000),
    type              text        NOT NULL DEFAULT 'personal_memo'
                                  CHECK (type IN ('personal_memo', 'meeting_notes', 'project_brief')),
    -- Deferred: deleting a task removes its row first and then tells the notes feature (TaskLifecycle.Deleted, in
    -- the same transaction), which unlinks the notes and publishes atom.note.updated.v1 for each. ON DELETE SET NULL
    -- would change notes behind the service's back (no event, no version bump); a deferred check still guarantees
    -- that no committed note points at a dead task.
    task_id           uuid REFERENCES task (id) DEFERRABLE INITIALLY DEFERRED,
    calendar_event_id text CHECK (char_length(calendar_event_id) BETWEEN 1 AND 200),
    tags              text[]      NOT NULL DEFAULT '{}',
    pinned            boolean     NOT NULL DEFAULT false,
    version           bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    -- stored rather than an expression index: content runs to 200,000 characters, so it is parsed once per write
    -- instead of again whenever a search rechecks a row
    search            tsvector    GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || content)) STORED
);

CREATE INDEX note_owner_updated ON note (owner_id, updated_at, id);
CREATE INDEX note_owner_created ON note (owner_id, created_at, id);
CREATE INDEX note_owner_title ON note (owner_id, lower(title), id);
CREATE INDEX note_owner_type ON note (owner_id, type);
CREATE INDEX note_owner_pinned ON note (owner_id, updated_at, id) WHERE pinned;
-- the foreign key's index (task deletions look notes up by task_id) and the taskId filter's
CREATE INDEX note_task ON note (task_id) WHERE task_id IS NOT NULL;
CREATE INDEX note_owner_calendar_event ON note (owner_id, calendar_event_id) WHERE calendar_event_id IS NOT NULL;
CREATE INDEX note_tags ON note USING gin (tags);
CREATE INDEX note_search ON note USING gin (search);
