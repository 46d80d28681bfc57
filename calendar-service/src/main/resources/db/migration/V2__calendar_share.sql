-- Grants of a user's calendar to other people, by email address (as Google Calendar's ACL): the grantee is whoever
-- owns that address, now or once they register. Scope free_busy only for now: the grantee sees when the owner is
-- busy (free/busy, meeting suggestions), never the events themselves.
CREATE TABLE calendar_share (
    id            uuid        PRIMARY KEY,
    owner_id      text        NOT NULL,
    grantee_email text        NOT NULL,  -- lower-cased, as the user read model keeps emails
    scope         text        NOT NULL,
    created_at    timestamptz NOT NULL,
    CONSTRAINT calendar_share_scope CHECK (scope IN ('free_busy'))
);

-- one grant per owner, address and scope: granting again answers the existing one
CREATE UNIQUE INDEX calendar_share_grant ON calendar_share (owner_id, grantee_email, scope);
-- the owner's list and the grantee's list, both by created_at then id (keyset paging)
CREATE INDEX calendar_share_owner ON calendar_share (owner_id, created_at, id);
CREATE INDEX calendar_share_grantee ON calendar_share (grantee_email, created_at, id);
