-- The user's email in the read model, so that features naming users by email (calendar shares, meeting suggestions)
-- can find them. Kept lower-cased (emails are case-insensitive, ARCHITECTURE.md §4); null for rows written before
-- this column existed, until the next registered/updated/reactivated event about the user. Not unique: auth-service
-- keeps emails unique, but events of two users travel on different partitions, so for a moment two rows may carry
-- the same address (one user gave it up, the other took it); a lookup takes the row with the latest event.
ALTER TABLE user_profile ADD COLUMN email TEXT;

CREATE INDEX user_profile_email ON user_profile (email) WHERE email IS NOT NULL;
