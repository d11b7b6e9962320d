-- The SQL of one payment, as pgbench runs it beside payonce (payonce bench --baseline): claim an
-- idempotency key, move an order to PAID, write a ledger row, in one transaction.
\set order_id random(1, 100000)
BEGIN;
INSERT INTO payonce_baseline.idempotency_keys (idem_key, fingerprint, state, created_at)
    VALUES (md5(:client_id::text || clock_timestamp()::text || random()::text), '\x0102030405060708', 'DONE', now());
UPDATE payonce_baseline.orders SET status = 'PAID', updated_at = now() WHERE id = :order_id;
INSERT INTO payonce_baseline.ledger (order_id, amount_minor, created_at) VALUES (:order_id, 1999, now());
COMMIT;
