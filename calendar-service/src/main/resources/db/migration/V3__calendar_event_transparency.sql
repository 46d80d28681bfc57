-- Google Calendar's transparency ("show as"): opaque events block their time in availability, free/busy and meeting
-- suggestions; transparent ones do not. Every existing event blocked time, so every existing row is opaque.
-- Out-of-office is always opaque (as in Google Calendar): the service refuses transparent for it, the table too.
ALTER TABLE calendar_event
    ADD COLUMN transparency text NOT NULL DEFAULT 'opaque'
        CONSTRAINT calendar_event_transparency CHECK (transparency IN ('opaque', 'transparent')),
    ADD CONSTRAINT calendar_event_out_of_office_opaque CHECK (event_type <> 'outOfOffice' OR transparency = 'opaque');
