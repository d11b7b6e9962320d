package io.payonce.payments;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Money that moved. Its unique indexes turn a second charge of a payment, or a second booking
 * of a refund, into a constraint violation that rolls the whole transaction back.
 */
@Repository
class Ledger {

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void charge(Payment payment, Instant at) {
        jdbc.sql("""
                        INSERT INTO ledger_entries (kind, order_id, payment_id, amount, currency, created_at)
                        VALUES ('CHARGE', :orderId, :paymentId, :amount, :currency, :at)
                        """)
                .param("orderId", payment.orderId()).param("paymentId", payment.id())
                .param("amount", payment.amount()).param("currency", payment.currency()).param("at", Timestamp.from(at))
                .update();
    }

    void refund(Refund refund, Instant at) {
        jdbc.sql("""
                        INSERT INTO ledger_entries (kind, order_id, payment_id, refund_id, amount, currency, created_at)
                        VALUES ('REFUND', :orderId, :paymentId, :refundId, :amount, :currency, :at)
                        """)
                .param("orderId", refund.orderId()).param("paymentId", refund.paymentId()).param("refundId", refund.id())
                .param("amount", refund.amount()).param("currency", refund.currency()).param("at", Timestamp.from(at))
                .update();
    }
}
