-- auth-service: accounts, refresh-token families, signing keys and login throttling.

CREATE TABLE user_account (
    id                  UUID        PRIMARY KEY,
    email               TEXT        NOT NULL,
    -- the email lower-cased (Locale.ROOT): unique, so one address cannot register twice in another letter case
    email_key           TEXT        NOT NULL,
    name                TEXT        NOT NULL,
    -- Argon2id in PHC format ($argon2id$v=19$m=…,t=…,p=…$salt$hash): the parameters travel with the hash
    password_hash       TEXT        NOT NULL,
    password_changed_at TIMESTAMPTZ NOT NULL,
    time_zone           TEXT        NOT NULL,
    locale              TEXT        NOT NULL,
    working_hours       JSONB       NOT NULL,
    preferences         JSONB       NOT NULL,
    advanced_settings   JSONB       NOT NULL,
    roles               TEXT[]      NOT NULL,
    active              BOOLEAN     NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    last_login_at       TIMESTAMPTZ,
    version             BIGINT      NOT NULL,
    CONSTRAINT user_account_email_key_unique UNIQUE (email_key),
    CONSTRAINT user_account_preferences_object CHECK (jsonb_typeof(preferences) = 'object'),
    CONSTRAINT user_account_advanced_settings_object CHECK (jsonb_typeof(advanced_settings) = 'object'),
    CONSTRAINT user_account_working_hours_object CHECK (jsonb_typeof(working_hours) = 'object')
);

-- the admin list: keyset order (created_at, id), optionally filtered by active
CREATE INDEX user_account_created_idx ON user_account (created_at, id);
CREATE INDEX user_account_active_created_idx ON user_account (active, created_at, id);

-- One login session: the chain of refresh tokens obtained from one login, each rotated into the next.
CREATE TABLE refresh_token_family (
    id               UUID        PRIMARY KEY,
    user_id          UUID        NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    -- when the user last proved their password in this session (auth_time of its access tokens)
    authenticated_at TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    revoked_at       TIMESTAMPTZ,
    -- logout, reuse, password-change, deactivated, …
    revoked_reason   TEXT
);

CREATE INDEX refresh_token_family_user_idx ON refresh_token_family (user_id);

-- Only the SHA-256 of each opaque token is stored; the token itself is shown to the client once.
CREATE TABLE refresh_token (
    token_hash BYTEA       PRIMARY KEY,
    family_id  UUID        NOT NULL REFERENCES refresh_token_family (id) ON DELETE CASCADE,
    issued_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    -- set when the token was exchanged for the next one; presenting it again is a replay
    used_at    TIMESTAMPTZ
);

CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_expires_idx ON refresh_token (expires_at);

-- RS256 signing keys. The private key is AES-256-GCM encrypted under atom.auth.key-encryption-key
-- (12-byte IV || ciphertext || tag, the kid as associated data); the public key is published as a JWK.
CREATE TABLE signing_key (
    kid            TEXT        PRIMARY KEY,
    algorithm      TEXT        NOT NULL,
    public_jwk     TEXT        NOT NULL,
    private_key    BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    -- null while the key signs; once retired it stays published until its last token has expired
    retired_at     TIMESTAMPTZ
);

-- at most one key signs at a time
CREATE UNIQUE INDEX signing_key_one_active ON signing_key ((retired_at IS NULL)) WHERE retired_at IS NULL;
CREATE INDEX signing_key_retired_idx ON signing_key (retired_at);

-- Failed-login counters per account and per client address, in the database so they survive restarts and are
-- shared by every instance. Keys are SHA-256 digests ("account:<hex>", "ip:<hex>"): no raw email or address.
CREATE TABLE login_throttle (
    throttle_key    TEXT        PRIMARY KEY,
    failures        INTEGER     NOT NULL,
    last_failure_at TIMESTAMPTZ NOT NULL,
    blocked_until   TIMESTAMPTZ
);

CREATE INDEX login_throttle_last_failure_idx ON login_throttle (last_failure_at);
