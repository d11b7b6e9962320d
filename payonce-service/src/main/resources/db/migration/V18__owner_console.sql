-- The owner's console (issue 11): the owner's account, its sessions, and the failed logins that
-- lock an account or a client address out. All three live here, not in memory or Redis, so a
-- lock-out and a logout hold on every instance at once.

-- The owner's password as PBKDF2-HMAC-SHA256 (io.payonce.access.PasswordHashes): the iteration
-- count and the salt are stored with the hash, so a later, stronger setting does not lock out a
-- password hashed under an earlier one.
CREATE TABLE owner_accounts (
    name           text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9._-]{1,64}$'),
    password_hash  text NOT NULL CHECK (length(password_hash) <= 300),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- A console session 'os_<id>_<secret>', sent back by the browser as an HttpOnly cookie. Only the
-- SHA-256 of the whole token is stored; the CSRF token is derived from the secret, so it is not
-- stored at all. Logging out deletes the row; changing the password deletes every row of the account.
CREATE TABLE owner_sessions (
    id           text PRIMARY KEY CHECK (id ~ '^[a-z0-9]{12}$'),
    account      text NOT NULL REFERENCES owner_accounts (name) ON DELETE CASCADE,
    secret_hash  bytea NOT NULL CHECK (length(secret_hash) = 32),
    client_ip    text CHECK (length(client_ip) <= 64),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL CHECK (expires_at > created_at)
);
CREATE INDEX owner_sessions_by_expiry ON owner_sessions (expires_at);
CREATE INDEX owner_sessions_by_account ON owner_sessions (account);

-- Failed logins, one row per subject ('account:<name>' or 'ip:<address>'): counted in a window,
-- and a lock-out once a subject reaches its limit (io.payonce.access.LoginThrottle). Each failure
-- updates its row under the row's lock, so concurrent failures on two instances count exactly.
CREATE TABLE owner_login_failures (
    subject           text PRIMARY KEY CHECK (length(subject) <= 100),
    failures          int NOT NULL CHECK (failures >= 0),
    window_started_at timestamptz NOT NULL,
    locked_until      timestamptz
);

-- The console's order search: by buyer email (case-insensitive) and newest first.
CREATE INDEX orders_by_buyer_email ON orders (lower(buyer_email)) WHERE buyer_email IS NOT NULL;
CREATE INDEX orders_by_created_at ON orders (created_at);
-- The dashboard: sales since midnight and the rate of paid orders over the last hour.
CREATE INDEX orders_by_paid_at ON orders (paid_at) WHERE paid_at IS NOT NULL;
CREATE INDEX payments_by_order ON payments (order_id);
