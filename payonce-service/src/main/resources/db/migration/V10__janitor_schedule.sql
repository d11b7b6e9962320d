-- The janitor asks the gateway about each live payment, and about each refund whose answer was
-- lost, on a backoff schedule (io.payonce.payments.QuerySchedule). "Due" is chosen here, in SQL:
-- next_query_at is when the row should next be asked about, and the janitor takes the oldest due
-- rows first (ORDER BY next_query_at), so young PENDING payments can no longer starve an old
-- UNKNOWN one the way "ORDER BY updated_at, then skip the not-yet-due in Java" did.
-- A row written without a schedule (by an older version, or by hand) is due at once.
ALTER TABLE payments ADD COLUMN next_query_at timestamptz NOT NULL DEFAULT '-infinity';
ALTER TABLE payments ADD COLUMN query_attempts int NOT NULL DEFAULT 0 CHECK (query_attempts >= 0);
-- The channel the caller asked for; channel is the one really used (a fallback while the requested
-- channel's breaker was open). NULL on payments made before fallbacks existed: they asked for theirs.
ALTER TABLE payments ADD COLUMN requested_channel text;
-- A payment fails only on its gateway's own answer (a decline, or a query or close that found the
-- trade closed or absent), and says which: a FAILED attempt without a failure code would be an
-- attempt given up without asking, after which a new attempt could charge the buyer twice.
ALTER TABLE payments ADD CONSTRAINT payments_failed_has_cause CHECK (status <> 'FAILED' OR failure_code IS NOT NULL) NOT VALID;
DROP INDEX payments_unresolved;
CREATE INDEX payments_due ON payments (next_query_at) WHERE status IN ('PENDING', 'UNKNOWN');

-- A PENDING refund is left to its own request while that request holds its Idempotency-Key (the
-- refund's lease); after that the janitor asks the gateway with the refund query.
ALTER TABLE refunds ADD COLUMN next_query_at timestamptz NOT NULL DEFAULT '-infinity';
ALTER TABLE refunds ADD COLUMN query_attempts int NOT NULL DEFAULT 0 CHECK (query_attempts >= 0);
CREATE INDEX refunds_due ON refunds (next_query_at) WHERE status = 'PENDING';
