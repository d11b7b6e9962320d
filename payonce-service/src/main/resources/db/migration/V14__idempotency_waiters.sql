-- A duplicate request waiting in another instance for a key's first request (issue 16) marks the
-- key, so that only then does completing, releasing or unlocking it pay for a NOTIFY: a NOTIFY
-- serializes the commits of every notifying transaction in the database, so it is not sent for
-- the common key nobody waits on.
ALTER TABLE idempotency_keys ADD COLUMN waiters boolean NOT NULL DEFAULT false;
