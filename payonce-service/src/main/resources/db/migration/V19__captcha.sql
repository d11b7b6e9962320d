-- The storefront's captcha (issue 11). Challenges are not stored: each is a token signed with this
-- one shared secret (so any instance can check what another issued), created once by the first
-- instance that needs it. A dump of this table lets its reader solve challenges, nothing more.
CREATE TABLE captcha_secret (
    id      int PRIMARY KEY CHECK (id = 1),
    secret  bytea NOT NULL CHECK (length(secret) = 32)
);

-- Each challenge answered is recorded until it expires, so a solved token buys one order only:
-- the primary key makes a second use lose, on any instance.
CREATE TABLE captcha_uses (
    challenge_id  text PRIMARY KEY CHECK (length(challenge_id) BETWEEN 1 AND 32),
    expires_at    timestamptz NOT NULL
);
CREATE INDEX captcha_uses_by_expiry ON captcha_uses (expires_at);
