-- Tasks of every user. Subtasks are tasks with a parent (deleted with it). Every query filters on owner_id first.
CREATE TABLE task (
    id               uuid PRIMARY KEY,
    owner_id         text        NOT NULL,
    title            text        NOT NULL,
    description      text,
    status           text        NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed', 'cancelled')),
    priority         text        NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
    -- due either on a date (all day) or at an instant; time_zone is the zone the due date/time was given in
    due_date         date,
    due_at           timestamptz,
    time_zone        text,
    -- sort and range key: due_at, or the start of due_date in time_zone
    due_key          timestamptz,
    deadline         date,
    is_important     boolean     NOT NULL DEFAULT false,
    assignee         text,
    tags             text[]      NOT NULL DEFAULT '{}',
    estimate_minutes integer,
    project_id       uuid,
    parent_id        uuid REFERENCES task (id) ON DELETE CASCADE,
    position         double precision NOT NULL,
    completed_at     timestamptz,
    version          bigint      NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CHECK (due_date IS NULL OR due_at IS NULL),
    CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);

CREATE INDEX task_owner_created ON task (owner_id, created_at, id);
CREATE INDEX task_owner_due ON task (owner_id, due_key) WHERE due_key IS NOT NULL;
CREATE INDEX task_owner_status ON task (owner_id, status);
CREATE INDEX task_owner_priority ON task (owner_id, priority);
CREATE INDEX task_owner_position ON task (owner_id, position);
CREATE INDEX task_owner_project ON task (owner_id, project_id) WHERE project_id IS NOT NULL;
CREATE INDEX task_parent ON task (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX task_owner_completed ON task (owner_id, completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX task_tags ON task USING gin (tags);
CREATE INDEX task_text ON task USING gin (to_tsvector('simple', title || ' ' || coalesce(description, '')));
