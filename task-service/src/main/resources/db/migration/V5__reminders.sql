-- Reminders of a task: at an instant (absolute) or some minutes before the task's due instant (relative; for an
-- all-day due date, before the start of that day in the task's time zone). Deleted with their task.
CREATE TABLE task_reminder (
    id             uuid PRIMARY KEY,
    task_id        uuid        NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    owner_id       text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('absolute', 'relative')),
    at             timestamptz,
    offset_minutes integer CHECK (offset_minutes BETWEEN 0 AND 525600),
    -- the pending occurrence; null when the reminder cannot fire (relative without a due date, task finished,
    -- occurrence fired or passed). The scanner fires rows whose next_fire_at has come.
    next_fire_at   timestamptz,
    -- when the latest occurrence fired
    fired_at       timestamptz,
    created_at     timestamptz NOT NULL,
    CHECK ((kind = 'absolute') = (at IS NOT NULL)),
    CHECK ((kind = 'relative') = (offset_minutes IS NOT NULL))
);

CREATE INDEX task_reminder_task ON task_reminder (task_id, created_at, id);
CREATE INDEX task_reminder_due ON task_reminder (next_fire_at) WHERE next_fire_at IS NOT NULL;
