-- Flash-sale intake through a queue (issue 10): a queued product's orders are written QUEUED, with
-- no stock, and answered 202 at once; a worker reserves their stock later in arrival order, and each
-- ends PENDING_PAYMENT (then paid as usual) or SOLD_OUT. The QUEUED rows are the queue itself:
-- RabbitMQ, where configured, only tells workers sooner (docs/architecture.md, "Queued intake").
ALTER TABLE products ADD COLUMN queued boolean NOT NULL DEFAULT false,
                     -- Memberships have no stock to wait for: only card keys are queued.
                     ADD CONSTRAINT products_queued_card_keys CHECK (NOT queued OR kind = 'CARD_KEY');

ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('QUEUED', 'PENDING_PAYMENT', 'PAID', 'DELIVERED',
    'CANCELLED', 'EXPIRED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'SOLD_OUT'));
-- V1's unnamed rule that exactly the unpaid statuses have no paid_at, with the two new unpaid ones.
ALTER TABLE orders DROP CONSTRAINT orders_check1;
ALTER TABLE orders ADD CONSTRAINT orders_paid_at_iff_paid
    CHECK ((status IN ('QUEUED', 'PENDING_PAYMENT', 'CANCELLED', 'EXPIRED', 'SOLD_OUT')) = (paid_at IS NULL));

-- Arrival order: taken from a sequence in the intake transaction; and when the order's turn came
-- (the buyer's answer, PENDING_PAYMENT or SOLD_OUT, exists from then on). Both null for orders that
-- were never queued.
CREATE SEQUENCE order_intake_seq;
ALTER TABLE orders ADD COLUMN intake_seq bigint,
                   ADD COLUMN turn_at timestamptz,
                   ADD CONSTRAINT orders_queued_have_intake_seq CHECK (status <> 'QUEUED' OR intake_seq IS NOT NULL);
-- The queue's head: only the orders still waiting, so its size follows the queue, not the orders table.
CREATE INDEX orders_queued ON orders (intake_seq) WHERE status = 'QUEUED';
