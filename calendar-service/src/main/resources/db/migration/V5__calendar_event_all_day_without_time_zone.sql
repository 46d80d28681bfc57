-- All-day events are floating dates and keep no time zone (V4 dropped the zones they had and turned their
-- recurrence date-times into dates); the table keeps it so.
ALTER TABLE calendar_event
    ADD CONSTRAINT calendar_event_all_day_without_time_zone CHECK (NOT all_day OR time_zone IS NULL);
