-- VIP memberships (io.payonce.membership). The exactly-once and no-lost-update guarantees live
-- here, not in any lock: member_grants' primary key admits one grant per (system, order), and
-- every extension is one atomic upsert of the member row.

-- Calling systems and the RSA public keys their createOrRenewMember requests are signed with.
-- A NULL key marks an internal system that cannot be called through the signed API.
CREATE TABLE member_systems (
    system_id       text PRIMARY KEY CHECK (system_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    public_key_der  bytea,
    key_bits        int CHECK (key_bits BETWEEN 2048 AND 8192),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((public_key_der IS NULL) = (key_bits IS NULL))
);

-- The shop's own buyers hold their memberships under this system (MembershipGrants.SHOP_SYSTEM_ID).
INSERT INTO member_systems (system_id) VALUES ('payonce-shop');

CREATE TABLE members (
    id          text PRIMARY KEY DEFAULT 'mem_' || replace(gen_random_uuid()::text, '-', ''),
    system_id   text NOT NULL REFERENCES member_systems (system_id),
    user_id     text NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (system_id, user_id)
);

-- One row per applied order. It is inserted first, in the same transaction as the extension, so a
-- concurrent call with the same order waits on this primary key until the first commits and then
-- reads the stored answer; member_id and expires_at_after are filled before that commit.
CREATE TABLE member_grants (
    system_id         text NOT NULL REFERENCES member_systems (system_id),
    order_no          text NOT NULL CHECK (length(order_no) BETWEEN 1 AND 128),
    user_id           text NOT NULL,
    -- The shop grants membershipDays x quantity (up to 3650 x 1000); the API at most 3650.
    days              int NOT NULL CHECK (days BETWEEN 1 AND 3650000),
    source            text NOT NULL CHECK (source IN ('API', 'SHOP')),
    member_id         text REFERENCES members (id),
    expires_at_after  timestamptz,
    -- The Redisson fencing token held while applying, for diagnosis only: the atomic upsert is
    -- what makes a late (stalled) holder safe, see MembershipLedger.
    lock_token        bigint,
    created_at        timestamptz NOT NULL,
    PRIMARY KEY (system_id, order_no),
    CHECK ((member_id IS NULL) = (expires_at_after IS NULL))
);
CREATE INDEX member_grants_by_member ON member_grants (member_id);

-- Nonces of accepted signed requests. The primary key refuses a replay; rows older than the
-- retention (at least twice the timestamp window) are purged by NonceCleanupJob.
CREATE TABLE member_nonces (
    system_id  text NOT NULL REFERENCES member_systems (system_id),
    nonce      text NOT NULL,
    seen_at    timestamptz NOT NULL,
    PRIMARY KEY (system_id, nonce)
);
CREATE INDEX member_nonces_by_age ON member_nonces (seen_at);
