-- Who may do what (issue 8): merchant API keys, buyer sessions and order tokens. Every secret is
-- stored only as its SHA-256: each is 256 random bits, so a hash without a salt cannot be reversed,
-- and a database dump does not hand out credentials.

-- A merchant's API key 'pk_<id>_<secret>': the id is not secret and finds the row; the hash of the
-- whole key is compared in constant time. A revoked key stays, so its id is never reused.
CREATE TABLE api_keys (
    id           text PRIMARY KEY CHECK (id ~ '^[a-z0-9]{12}$'),
    secret_hash  bytea NOT NULL CHECK (length(secret_hash) = 32),
    scopes       text NOT NULL CHECK (scopes <> ''),
    label        text CHECK (length(label) <= 100),
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);

-- An anonymous buyer's session 'bs_<id>_<secret>': it owns the buyer's Idempotency-Keys.
CREATE TABLE buyer_sessions (
    id           text PRIMARY KEY CHECK (id ~ '^[a-z0-9]{12}$'),
    secret_hash  bytea NOT NULL CHECK (length(secret_hash) = 32),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL CHECK (expires_at > created_at)
);
CREATE INDEX buyer_sessions_by_expiry ON buyer_sessions (expires_at);

-- The hash of the one token that reads, pays and cancels an order without an API key.
CREATE TABLE order_tokens (
    order_id     text PRIMARY KEY REFERENCES orders (id),
    token_hash   bytea NOT NULL CHECK (length(token_hash) = 32)
);
