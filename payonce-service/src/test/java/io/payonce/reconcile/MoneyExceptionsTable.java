package io.payonce.reconcile;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of the janitor's money_exceptions table (V11), as a test arranges them for reconciliation to read. */
final class MoneyExceptionsTable {

    private MoneyExceptionsTable() {
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
