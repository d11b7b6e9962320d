-- The simulated gateways' own books (io.payonce.channels.sim). They play Alipay and WeChat Pay,
-- so their state lives apart from the shop's (no foreign keys into it) and survives a payonce
-- crash; every instance sharing this database sees the same trades, keys and outbox.

-- One RSA-2048 key pair per channel, made by whichever instance starts first
-- (INSERT ... ON CONFLICT DO NOTHING, then read back), so every instance signs and verifies alike.
CREATE TABLE sim_channel_keys (
    channel      text PRIMARY KEY,
    private_key  bytea NOT NULL,   -- PKCS#8 DER
    public_key   bytea NOT NULL,   -- X.509 SubjectPublicKeyInfo DER
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Gateway trade numbers come from one sequence, so two instances never mint the same trade_no.
CREATE SEQUENCE sim_trade_no_seq;
CREATE SEQUENCE sim_refund_no_seq;

CREATE TABLE sim_trades (
    channel          text NOT NULL,
    out_trade_no     text NOT NULL,          -- payonce's paymentId
    trade_no         text NOT NULL UNIQUE,   -- the gateway's own id
    order_id         text,
    subject          text,
    amount           bigint NOT NULL CHECK (amount > 0),
    currency         char(3) NOT NULL,
    status           text NOT NULL CHECK (status IN ('WAIT_BUYER_PAY', 'TRADE_SUCCESS', 'TRADE_CLOSED')),
    refunded_amount  bigint NOT NULL DEFAULT 0,
    autopay_at       timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    paid_at          timestamptz,
    closed_at        timestamptz,
    PRIMARY KEY (channel, out_trade_no),
    -- A trade is paid at most once: paid_at is set by the one UPDATE that leaves WAIT_BUYER_PAY.
    CHECK ((status = 'TRADE_SUCCESS') = (paid_at IS NOT NULL)),
    CHECK ((status = 'TRADE_CLOSED') = (closed_at IS NOT NULL)),
    -- Refunds never pass the amount paid, and only a paid trade has any.
    CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    CHECK (refunded_amount = 0 OR status = 'TRADE_SUCCESS')
);
CREATE INDEX sim_trades_autopay_due ON sim_trades (autopay_at)
    WHERE status = 'WAIT_BUYER_PAY' AND autopay_at IS NOT NULL;

-- One row per refund request (out_request_no = payonce's refundId), so a retried refund is
-- answered from here and never moves money twice.
CREATE TABLE sim_refunds (
    channel         text NOT NULL,
    out_request_no  text NOT NULL,
    out_trade_no    text NOT NULL,
    refund_no       text NOT NULL UNIQUE,
    amount          bigint NOT NULL CHECK (amount > 0),
    currency        char(3) NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, out_request_no),
    FOREIGN KEY (channel, out_trade_no) REFERENCES sim_trades (channel, out_trade_no)
);

-- The asynchronous-notification outbox. A row is one copy of one notification (copies made by
-- the "repeat" fault share notify_id); it is written in the same transaction as the trade change
-- it reports, so a crash cannot lose it, and retried on the gateway's schedule until acknowledged.
CREATE TABLE sim_notifications (
    id               bigserial PRIMARY KEY,
    channel          text NOT NULL,
    out_trade_no     text NOT NULL,
    notify_id        text NOT NULL,
    trade_status     text NOT NULL CHECK (trade_status IN ('WAIT_BUYER_PAY', 'TRADE_SUCCESS', 'TRADE_CLOSED')),
    state            text NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'ABANDONED', 'LOST')),
    attempts         int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- While an attempt is in flight this is pushed past its timeout (a lease), so no other
    -- instance sends the same attempt; a crashed sender's attempt is retried when it lapses.
    next_attempt_at  timestamptz NOT NULL,
    -- The "reorder" fault: this (stale) notification waits until that one is no longer pending.
    after_id         bigint REFERENCES sim_notifications (id),
    last_status      int,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    FOREIGN KEY (channel, out_trade_no) REFERENCES sim_trades (channel, out_trade_no)
);
CREATE INDEX sim_notifications_due ON sim_notifications (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX sim_notifications_by_trade ON sim_notifications (channel, out_trade_no);
