package io.payonce.reconcile;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The money_exceptions table of issue 9's janitor (payments.MoneyExceptions, migration V11 of its
 * branch), as reconciliation reads it. Where that migration has run, {@link #ensure} changes
 * nothing; before it has, it makes the same table, so that the reading is tested on the rows the
 * janitor writes.
 */
final class MoneyExceptionsTable {

    private MoneyExceptionsTable() {
    }

    static void ensure(JdbcClient jdbc) {
        jdbc.sql("""
                CREATE TABLE IF NOT EXISTS money_exceptions (
                    id                text PRIMARY KEY,
                    kind              text NOT NULL CHECK (kind IN ('CHARGE_ON_CLOSED_ORDER', 'CHARGE_ON_FAILED_PAYMENT',
                                                                    'REFUND_REFUSED', 'PAYMENT_UNRESOLVED', 'REFUND_UNRESOLVED')),
                    cause_ref         text NOT NULL,
                    order_id          text NOT NULL REFERENCES orders (id),
                    payment_id        text NOT NULL REFERENCES payments (id),
                    channel           text NOT NULL,
                    amount            bigint NOT NULL CHECK (amount >= 0),
                    currency          char(3) NOT NULL,
                    detail            text NOT NULL CHECK (length(detail) <= 500),
                    state             text NOT NULL CHECK (state IN ('OPEN', 'REFUNDED', 'RESOLVED')),
                    auto_refund       text CHECK (auto_refund IN ('PENDING', 'REFUSED', 'SUCCEEDED')),
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
                )""").update();
    }

    /** A charge on a failed payment, recorded with its own refund {@code ref_<id without mx_>}: refunded already, or still open. */
    static void chargeOnFailedPayment(JdbcClient jdbc, String id, String paymentId, String orderId, String channel, long amount,
                                      boolean refunded) {
        jdbc.sql("""
                        INSERT INTO money_exceptions (id, kind, cause_ref, order_id, payment_id, channel, amount, currency, detail,
                                                      state, auto_refund, refund_id, channel_refund_no, created_at, updated_at)
                        VALUES (:id, 'CHARGE_ON_FAILED_PAYMENT', :payment, :order, :payment, :channel, :amount, 'CNY',
                                'The gateway took the charge on an attempt payonce had failed', :state, :autoRefund,
                                :refundId, :refundNo, now(), now())
                        """)
                .param("id", id).param("payment", paymentId).param("order", orderId).param("channel", channel).param("amount", amount)
                .param("state", refunded ? "REFUNDED" : "OPEN").param("autoRefund", refunded ? "SUCCEEDED" : "PENDING")
                .param("refundId", "ref_" + id.substring("mx_".length())).param("refundNo", refunded ? "R-" + id : null)
                .update();
    }
}
