package io.payonce.payments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Paid orders whose goods could not be handed over: the money must go back to the buyer. Each is
 * a row of {@code undelivered_orders}, an ERROR log line and a count in
 * {@code payonce.orders.undelivered{reason}}, so an operator finds it without reading logs.
 */
@Repository
public class UndeliveredOrders {

    private static final Logger log = LoggerFactory.getLogger(UndeliveredOrders.class);

    /** Why the goods could not be handed over. */
    public enum Reason {
        /** The membership days would have carried the buyer past the furthest expiry granted. */
        MEMBERSHIP_EXPIRY_LIMIT;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    UndeliveredOrders(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** Records the order in the caller's transaction; recording it again changes nothing. */
    void record(String orderId, String paymentId, Reason reason, Instant at) {
        int inserted = jdbc.sql("""
                        INSERT INTO undelivered_orders (order_id, payment_id, reason, created_at)
                        VALUES (:orderId, :paymentId, :reason, :at) ON CONFLICT (order_id) DO NOTHING""")
                .param("orderId", orderId).param("paymentId", paymentId).param("reason", reason.code())
                .param("at", Timestamp.from(at))
                .update();
        if (inserted == 1) {
            Counter.builder("payonce.orders.undelivered").tag("reason", reason.code())
                    .description("Paid orders whose goods could not be handed over; each needs a refund")
                    .register(meters).increment();
            log.error("Order {} was paid (payment {}) but cannot be delivered ({}); it stays PAID and needs a refund",
                    orderId, paymentId, reason.code());
        }
    }

    /** The reason recorded for an order, if it is undelivered. */
    public Optional<Reason> reasonOf(String orderId) {
        return jdbc.sql("SELECT reason FROM undelivered_orders WHERE order_id = :orderId").param("orderId", orderId)
                .query(String.class).optional()
                .map(code -> Reason.valueOf(code.toUpperCase(Locale.ROOT)));
    }
}
