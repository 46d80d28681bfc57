-- Recurring tasks: either RFC 5545 lines (a fixed schedule anchored at recurrence_start, the series' first due date
-- or time, local to the task's time zone) or a period after each completion. Occurrences of one series share
-- series_id; a completed occurrence remembers the one it created, so completing it again creates no second one.
ALTER TABLE task
    ADD COLUMN recurrence           text[],
    ADD COLUMN repeat_after         text,
    ADD COLUMN recurrence_start     timestamp,
    ADD COLUMN series_id            uuid,
    ADD COLUMN next_occurrence_id   uuid,
    ADD CONSTRAINT task_one_recurrence_mode CHECK (recurrence IS NULL OR repeat_after IS NULL);

CREATE INDEX task_series ON task (owner_id, series_id) WHERE series_id IS NOT NULL;
