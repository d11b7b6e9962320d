-- Money exceptions: where the money and payonce disagree, recorded in the transaction that found
-- it, so it cannot be lost (io.payonce.payments.MoneyExceptions). One row per cause: (kind,
-- cause_ref) is unique, so finding the same disagreement again (a repeated notification, the
-- janitor's next pass) records nothing new.
CREATE TABLE money_exceptions (
    id                text PRIMARY KEY,
    kind              text NOT NULL CHECK (kind IN ('CHARGE_ON_CLOSED_ORDER', 'CHARGE_ON_FAILED_PAYMENT',
                                                    'REFUND_REFUSED', 'PAYMENT_UNRESOLVED', 'REFUND_UNRESOLVED')),
    -- What it is about: the payment for a charge or an unresolved payment, the refund for a refund's.
    cause_ref         text NOT NULL,
    order_id          text NOT NULL REFERENCES orders (id),
    payment_id        text NOT NULL REFERENCES payments (id),
    channel           text NOT NULL,
    amount            bigint NOT NULL CHECK (amount >= 0),
    currency          char(3) NOT NULL,
    detail            text NOT NULL CHECK (length(detail) <= 500),
    -- OPEN: someone must act; REFUNDED: payonce refunded the charge itself; RESOLVED: closed by an
    -- operator, with a note.
    state             text NOT NULL CHECK (state IN ('OPEN', 'REFUNDED', 'RESOLVED')),
    -- payonce's own refund of a charge it never meant to take (refundable kinds only): PENDING
    -- while it tries, REFUSED when the gateway refused it (left OPEN for an operator), SUCCEEDED.
    auto_refund       text CHECK (auto_refund IN ('PENDING', 'REFUSED', 'SUCCEEDED')),
    -- The refund payonce makes by itself, where that is safe (a charge payonce never wanted): its
    -- id is derived from the exception, so a repeat asks the gateway for the same refund.
    refund_id         text UNIQUE,
    channel_refund_no text,
    note              text CHECK (length(note) <= 1000),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    resolved_at       timestamptz,
    UNIQUE (kind, cause_ref),
    CHECK ((state = 'RESOLVED') = (note IS NOT NULL AND resolved_at IS NOT NULL)),
    CHECK (state <> 'REFUNDED' OR auto_refund = 'SUCCEEDED'),
    CHECK ((auto_refund = 'SUCCEEDED') = (channel_refund_no IS NOT NULL)),
    CHECK ((auto_refund IS NULL) = (refund_id IS NULL))
);
CREATE INDEX money_exceptions_by_state ON money_exceptions (state, created_at);
