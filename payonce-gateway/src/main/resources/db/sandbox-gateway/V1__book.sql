-- The sandbox gateway's books (io.payonce.gateway.book), in a database of its own: it plays
-- Alipay and WeChat Pay, so nothing here knows the shop's tables, and everything survives a
-- restart of either process. Keys are files (SandboxKeys), not rows.

-- Gateway trade numbers come from one sequence, so two gateway instances on one database never
-- mint the same trade_no.
CREATE SEQUENCE trade_no_seq;
CREATE SEQUENCE refund_no_seq;

CREATE TABLE trades (
    channel          text NOT NULL CHECK (channel IN ('alipay', 'wechat')),
    out_trade_no     text NOT NULL,          -- the merchant's trade number (payonce's paymentId)
    trade_no         text NOT NULL UNIQUE,   -- the gateway's own id
    merchant_id      text NOT NULL,          -- Alipay's app_id or WeChat Pay's mchid that opened it
    subject          text,
    amount           bigint NOT NULL CHECK (amount > 0),
    currency         char(3) NOT NULL,
    notify_url       text,                   -- where its notifications go; none when the merchant gave none
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
CREATE INDEX trades_autopay_due ON trades (autopay_at)
    WHERE status = 'WAIT_BUYER_PAY' AND autopay_at IS NOT NULL;
-- The day's bill: trades by the time they were paid.
CREATE INDEX trades_paid_at ON trades (channel, paid_at) WHERE paid_at IS NOT NULL;

-- One row per refund request (out_refund_no: Alipay's out_request_no, WeChat's out_refund_no),
-- so a retried refund is answered from here and never moves money twice.
CREATE TABLE refunds (
    channel         text NOT NULL,
    out_refund_no   text NOT NULL,
    out_trade_no    text NOT NULL,
    refund_no       text NOT NULL UNIQUE,
    amount          bigint NOT NULL CHECK (amount > 0),
    currency        char(3) NOT NULL,
    reason          text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, out_refund_no),
    FOREIGN KEY (channel, out_trade_no) REFERENCES trades (channel, out_trade_no)
);
CREATE INDEX refunds_created_at ON refunds (channel, created_at);
CREATE INDEX refunds_by_trade ON refunds (channel, out_trade_no);

-- The asynchronous-notification outbox. A row is one copy of one notification (copies made by
-- the "repeat" fault share notify_id); it is written in the same transaction as the trade change
-- it reports, so a crash cannot lose it, and retried on the gateway's schedule until acknowledged.
CREATE TABLE notifications (
    id               bigserial PRIMARY KEY,
    channel          text NOT NULL,
    out_trade_no     text NOT NULL,
    notify_id        text NOT NULL,
    trade_status     text NOT NULL CHECK (trade_status IN ('WAIT_BUYER_PAY', 'TRADE_SUCCESS', 'TRADE_CLOSED')),
    state            text NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'ABANDONED', 'LOST')),
    attempts         int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- While an attempt is in flight this is pushed past its timeout (a lease), so no other
    -- sender takes the same attempt; a crashed sender's attempt is retried when it lapses.
    next_attempt_at  timestamptz NOT NULL,
    -- The "reorder" fault: this (stale) notification waits until that one is no longer pending.
    after_id         bigint REFERENCES notifications (id),
    last_status      int,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    FOREIGN KEY (channel, out_trade_no) REFERENCES trades (channel, out_trade_no)
);
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX notifications_by_trade ON notifications (channel, out_trade_no);
