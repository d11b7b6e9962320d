-- The shop's system of record. Correctness lives here: every guarantee payonce gives
-- (no oversell, one charge, one delivery, refunds <= paid) is a constraint or is enforced
-- by a conditional UPDATE against these tables, never by a lock alone.

CREATE TABLE products (
    sku             text PRIMARY KEY CHECK (sku ~ '^[A-Za-z0-9._-]{1,64}$'),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind            text NOT NULL CHECK (kind IN ('CARD_KEY', 'MEMBERSHIP')),
    price           bigint NOT NULL CHECK (price >= 0),
    currency        char(3) NOT NULL,
    membership_days int CHECK (membership_days BETWEEN 1 AND 3650),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'MEMBERSHIP') = (membership_days IS NOT NULL))
);

-- A code is stored once, ever: code_digest is an HMAC of the code under the configured key,
-- so duplicates are found without keeping the code in clear; code_cipher is AES-GCM.
CREATE TABLE card_keys (
    id           bigserial PRIMARY KEY,
    sku          text NOT NULL REFERENCES products (sku),
    code_digest  bytea NOT NULL UNIQUE,
    code_cipher  bytea NOT NULL,
    status       text NOT NULL DEFAULT 'AVAILABLE' CHECK (status IN ('AVAILABLE', 'RESERVED', 'DELIVERED')),
    order_id     text,
    imported_at  timestamptz NOT NULL DEFAULT now(),
    -- A key belongs to no order while available and to exactly one otherwise: it can never
    -- reach two buyers.
    CHECK ((status = 'AVAILABLE') = (order_id IS NULL))
);
CREATE INDEX card_keys_available ON card_keys (sku, id) WHERE status = 'AVAILABLE';
CREATE INDEX card_keys_by_order ON card_keys (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE orders (
    id                 text PRIMARY KEY,
    sku                text NOT NULL REFERENCES products (sku),
    kind               text NOT NULL CHECK (kind IN ('CARD_KEY', 'MEMBERSHIP')),
    quantity           int NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    amount             bigint NOT NULL CHECK (amount >= 0),
    currency           char(3) NOT NULL,
    status             text NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'DELIVERED', 'CANCELLED',
                                                       'EXPIRED', 'PARTIALLY_REFUNDED', 'REFUNDED')),
    buyer_user_id      text,
    buyer_email        text,
    membership_days    int,
    refunded_amount    bigint NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    expires_at         timestamptz NOT NULL,
    paid_at            timestamptz,
    delivered_at       timestamptz,
    closed_at          timestamptz,
    member_expires_at  timestamptz,
    -- Refunds (including those still at the channel) never pass what was paid.
    CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    CHECK ((status IN ('PENDING_PAYMENT', 'CANCELLED', 'EXPIRED')) = (paid_at IS NULL))
);
CREATE INDEX orders_expiring ON orders (expires_at) WHERE status = 'PENDING_PAYMENT';

CREATE TABLE payments (
    id           text PRIMARY KEY,
    order_id     text NOT NULL REFERENCES orders (id),
    channel      text NOT NULL,
    status       text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'UNKNOWN')),
    amount       bigint NOT NULL CHECK (amount >= 0),
    currency     char(3) NOT NULL,
    trade_no     text,
    pay_url      text,
    failure_code text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    succeeded_at timestamptz
);
-- At most one payment of an order is open or succeeded at a time: a second concurrent attempt
-- cannot open a second trade at the gateway, so the buyer cannot be charged twice.
CREATE UNIQUE INDEX payments_one_live_per_order ON payments (order_id) WHERE status IN ('PENDING', 'UNKNOWN', 'SUCCEEDED');
CREATE UNIQUE INDEX payments_by_trade ON payments (channel, trade_no) WHERE trade_no IS NOT NULL;
CREATE INDEX payments_unresolved ON payments (updated_at) WHERE status IN ('PENDING', 'UNKNOWN');

CREATE TABLE refunds (
    id          text PRIMARY KEY,
    order_id    text NOT NULL REFERENCES orders (id),
    payment_id  text NOT NULL REFERENCES payments (id),
    amount      bigint NOT NULL CHECK (amount > 0),
    currency    char(3) NOT NULL,
    status      text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'UNKNOWN')),
    channel_refund_no text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_by_order ON refunds (order_id);

-- Money that moved, one row per movement. The unique indexes make a second charge of a
-- payment, or a second booking of a refund, impossible rather than unlikely.
CREATE TABLE ledger_entries (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('CHARGE', 'REFUND')),
    order_id    text NOT NULL REFERENCES orders (id),
    payment_id  text NOT NULL REFERENCES payments (id),
    refund_id   text REFERENCES refunds (id),
    amount      bigint NOT NULL CHECK (amount >= 0),
    currency    char(3) NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'REFUND') = (refund_id IS NOT NULL))
);
CREATE UNIQUE INDEX ledger_one_charge_per_payment ON ledger_entries (payment_id) WHERE kind = 'CHARGE';
CREATE UNIQUE INDEX ledger_one_charge_per_order ON ledger_entries (order_id) WHERE kind = 'CHARGE';
CREATE UNIQUE INDEX ledger_one_entry_per_refund ON ledger_entries (refund_id) WHERE kind = 'REFUND';

-- Stored answers of idempotent requests (see io.payonce.idempotency).
CREATE TABLE idempotency_keys (
    scope            text NOT NULL,
    idem_key         text NOT NULL,
    fingerprint      bytea NOT NULL,
    state            text NOT NULL CHECK (state IN ('IN_FLIGHT', 'DONE')),
    locked_until     timestamptz,
    -- Fencing: each takeover after a lease ran out bumps it, and only the current attempt may
    -- checkpoint or complete, so a stalled first attempt cannot overwrite its successor's answer.
    attempt          int NOT NULL DEFAULT 1,
    recovery_point   text,
    recovery_ref     text,
    response_status  int,
    response_body    bytea,
    response_type    text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    PRIMARY KEY (scope, idem_key),
    CHECK ((state = 'DONE') = (response_status IS NOT NULL))
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- ShedLock: one instance at a time runs each scheduled job.
CREATE TABLE shedlock (
    name       varchar(64) PRIMARY KEY,
    lock_until timestamp NOT NULL,
    locked_at  timestamp NOT NULL,
    locked_by  varchar(255) NOT NULL
);
