-- One-time submit tokens (issue 10): 'st_<id>_<secret>', issued to one caller (a buyer session or
-- an API key) and sent once as 'Submit-Token' when creating an order. The token's id becomes the
-- order request's idempotency key, so the idempotency_keys primary key is what lets exactly one
-- use run; this table only says which caller a token belongs to and until when it may first be used.
CREATE TABLE submit_tokens (
    id             text PRIMARY KEY CHECK (id ~ '^[a-z0-9]{12}$'),
    secret_hash    bytea NOT NULL CHECK (length(secret_hash) = 32),
    -- The caller's idempotency owner ('buyer:<id>', 'key:<id>', 'root'): never a secret.
    owner          text NOT NULL CHECK (length(owner) BETWEEN 1 AND 100),
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL CHECK (expires_at > created_at),
    -- Set by the first presentation before expires_at; from then on the token only replays.
    first_used_at  timestamptz
);
CREATE INDEX submit_tokens_by_expiry ON submit_tokens (expires_at);
