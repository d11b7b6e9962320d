-- No poison rows (io.payonce.jobs.RowRetries). A scheduled job that fails on one row records it
-- here and goes on with the next; the row is retried once next_attempt_at has passed, with a
-- delay that doubles per attempt. The jobs' batch queries skip rows whose retry is not yet due,
-- so a failing row that sorts first cannot starve the rows behind it.
CREATE TABLE job_row_failures (
    job              text NOT NULL CHECK (length(job) BETWEEN 1 AND 64),
    row_id           text NOT NULL,
    attempts         int NOT NULL CHECK (attempts >= 1),
    next_attempt_at  timestamptz NOT NULL,
    -- The exception's class and message, cut to 500 characters: enough to diagnose, never a stack.
    last_error       text NOT NULL CHECK (length(last_error) <= 500),
    first_failed_at  timestamptz NOT NULL,
    last_failed_at   timestamptz NOT NULL,
    PRIMARY KEY (job, row_id)
);
CREATE INDEX job_row_failures_by_age ON job_row_failures (last_failed_at);

-- Paid orders whose goods could not be handed over (a membership that would pass its expiry
-- bound, see docs/membership.md). The payment stays SUCCEEDED and the order PAID, not DELIVERED;
-- the money must go back to the buyer. One row per order: the primary key makes recording it
-- again a no-op.
CREATE TABLE undelivered_orders (
    order_id    text PRIMARY KEY REFERENCES orders (id),
    payment_id  text NOT NULL REFERENCES payments (id),
    reason      text NOT NULL CHECK (reason IN ('membership_expiry_limit')),
    created_at  timestamptz NOT NULL
);

-- One order quantity limit (io.payonce.orders.OrderLimits.QUANTITY_MAX), here as in the API: the
-- table allowed 1000 while the API refused more than 100, and other limits were derived from 1000.
-- NOT VALID: new rows are checked; rows already stored are left as they are, so an upgrade of a
-- database that holds an older, larger order cannot fail halfway.
ALTER TABLE orders DROP CONSTRAINT orders_quantity_check;
ALTER TABLE orders ADD CONSTRAINT orders_quantity_check CHECK (quantity BETWEEN 1 AND 100) NOT VALID;

-- A paid product costs something: a price of 0 would hand out goods through the payment path
-- with nothing charged (the gateways refuse a zero amount anyway, sim_trades CHECK amount > 0).
ALTER TABLE products DROP CONSTRAINT products_price_check;
ALTER TABLE products ADD CONSTRAINT products_price_check CHECK (price > 0) NOT VALID;
