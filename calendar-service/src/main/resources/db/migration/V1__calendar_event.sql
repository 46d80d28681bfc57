-- Events: single events, recurring series (a master with RFC 5545 lines) and edited occurrences of a series
-- (exceptions: a row of their own pointing at the master, for the occurrence that started at original_start_*).
CREATE TABLE calendar_event (
    id                  uuid PRIMARY KEY,
    owner_id            text        NOT NULL,
    ical_uid            text        NOT NULL,
    title               text        NOT NULL,
    description         text,
    location            text,
    color               text,
    all_day             boolean     NOT NULL,
    -- timed events: instants; all-day events: dates (end exclusive), floating (no zone)
    start_at            timestamptz,
    end_at              timestamptz,
    start_date          date,
    end_date            date,
    -- IANA zone of a timed event's wall-clock times; null when it was given as instants only
    time_zone           text,
    status              text        NOT NULL,
    event_type          text        NOT NULL,
    recurrence          text[]      NOT NULL DEFAULT '{}',
    -- the instants every occurrence lies within (all-day dates widened by the extreme UTC offsets), for window
    -- queries; span_end null: a series without end
    span_start          timestamptz NOT NULL,
    span_end            timestamptz,
    recurring_event_id  uuid REFERENCES calendar_event (id) ON DELETE CASCADE,
    original_start_at   timestamptz,
    original_start_date date,
    attendees           jsonb       NOT NULL DEFAULT '[]',
    reminders           jsonb       NOT NULL DEFAULT '{"useDefault": true, "overrides": []}',
    version             bigint      NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT calendar_event_timing CHECK (
        (all_day AND start_date IS NOT NULL AND end_date > start_date AND start_at IS NULL AND end_at IS NULL)
        OR (NOT all_day AND start_at IS NOT NULL AND end_at > start_at AND start_date IS NULL AND end_date IS NULL)),
    CONSTRAINT calendar_event_exception CHECK (
        recurring_event_id IS NULL OR (original_start_at IS NOT NULL) <> (original_start_date IS NOT NULL))
);

-- window queries: the owner's events whose span meets the window
CREATE INDEX calendar_event_owner_span ON calendar_event (owner_id, span_start);
CREATE INDEX calendar_event_recurring ON calendar_event (recurring_event_id) WHERE recurring_event_id IS NOT NULL;
-- one series (or single event) per iCalendar UID and owner: re-importing a file updates instead of duplicating
CREATE UNIQUE INDEX calendar_event_uid ON calendar_event (owner_id, ical_uid) WHERE recurring_event_id IS NULL;
-- one exception per occurrence
CREATE UNIQUE INDEX calendar_event_exception_at ON calendar_event (recurring_event_id, original_start_at, original_start_date)
    NULLS NOT DISTINCT WHERE recurring_event_id IS NOT NULL;
-- q searches title, description and location
CREATE INDEX calendar_event_text ON calendar_event USING gin (
    to_tsvector('simple', title || ' ' || coalesce(description, '') || ' ' || coalesce(location, '')));
