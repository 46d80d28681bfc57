-- "blocked by": task_id cannot sensibly start before blocked_by is finished. Both tasks belong to owner_id; cycles
-- are refused by the service before an edge is written.
CREATE TABLE task_dependency (
    task_id    uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    blocked_by uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    owner_id   text NOT NULL,
    PRIMARY KEY (task_id, blocked_by),
    CHECK (task_id <> blocked_by)
);

CREATE INDEX task_dependency_blocked_by ON task_dependency (blocked_by);
