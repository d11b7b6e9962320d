-- Card-key encryption with rotation: every row names the key version that sealed it.
-- Rows sealed before this migration are version 0: key version 1 without associated data. They
-- stay readable with key 1 until `payonce admin rotate-card-key` rewrites them bound to their row.
ALTER TABLE card_keys ADD COLUMN key_version int NOT NULL DEFAULT 0 CHECK (key_version >= 0);
ALTER TABLE card_keys ALTER COLUMN key_version DROP DEFAULT;
-- Rotation walks the rows of older versions in this order, a small batch at a time.
CREATE INDEX card_keys_by_key_version ON card_keys (key_version, id);

-- The versions instances have brought, each with a check value of its key (an HKDF output, not the
-- key): an instance configured with another key under the same version refuses to start.
CREATE TABLE card_key_versions (
    version        int PRIMARY KEY CHECK (version >= 1),
    key_check      bytea NOT NULL,
    registered_at  timestamptz NOT NULL DEFAULT now()
);

-- The version new codes are sealed under. One row: imports read it FOR SHARE, and a rotation's
-- switch UPDATEs it, so the switch waits for running imports and imports after it see the new one.
CREATE TABLE card_key_state (
    singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    active_version  int NOT NULL REFERENCES card_key_versions (version)
);
