-- Stock hoarding (issue 13): who holds unpaid reservations, and each product's own limits.

-- The caller that created the order (its Idempotency-Key owner: 'buyer:<session>', 'key:<id>',
-- 'root') and the client address it came from. Orders from before this migration have neither
-- and count towards no cap.
ALTER TABLE orders ADD COLUMN holder text CHECK (length(holder) <= 100),
                   ADD COLUMN client_ip text CHECK (length(client_ip) <= 64);

-- The caps count the units of unpaid card-key orders of a holder, an address or a product; these
-- partial indexes keep each count to the few unpaid orders it concerns.
CREATE INDEX orders_unpaid_by_holder ON orders (holder) WHERE status = 'PENDING_PAYMENT' AND kind = 'CARD_KEY';
CREATE INDEX orders_unpaid_by_client_ip ON orders (client_ip) WHERE status = 'PENDING_PAYMENT' AND kind = 'CARD_KEY';
CREATE INDEX orders_unpaid_by_sku ON orders (sku) WHERE status = 'PENDING_PAYMENT' AND kind = 'CARD_KEY';

-- A product may sell fewer per order than the global maximum (100, OrderLimits), keep its
-- reservations for a time of its own, be a flash sale (a shorter default reservation), and cap
-- the units of it held unpaid by everyone together.
ALTER TABLE products ADD COLUMN order_quantity_max int CHECK (order_quantity_max BETWEEN 1 AND 100),
                     ADD COLUMN reservation_seconds int CHECK (reservation_seconds BETWEEN 30 AND 86400),
                     ADD COLUMN flash_sale boolean NOT NULL DEFAULT false,
                     ADD COLUMN unpaid_units_max int CHECK (unpaid_units_max BETWEEN 1 AND 1000000);

-- The gauge payonce_reservations_unpaid_units{sku} counts reserved keys by sku at each scrape; the
-- reserved keys are the few of unpaid orders, so this index stays small.
CREATE INDEX card_keys_reserved ON card_keys (sku) WHERE status = 'RESERVED';
