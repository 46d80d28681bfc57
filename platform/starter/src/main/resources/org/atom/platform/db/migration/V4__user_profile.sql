-- User read model (org.atom.platform.users), kept from auth-service.user.v1: only what a service needs to interpret
-- a user's time (no name, email or other account data). A user without a row gets the defaults.
CREATE TABLE user_profile (
    user_id        TEXT        PRIMARY KEY,
    time_zone      TEXT        NOT NULL,  -- IANA id
    locale         TEXT        NOT NULL,  -- BCP 47 language tag
    working_hours  JSONB       NOT NULL,  -- {"monday":{"start":"09:00","end":"17:00"}, ..., "sunday":null}
    event_time     TIMESTAMPTZ NOT NULL,  -- time of the event the row reflects: an older event never overwrites it
    updated_at     TIMESTAMPTZ NOT NULL
);
