package io.payonce.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refunds in PostgreSQL. */
@Repository
class RefundRepository {

    private static final String COLUMNS = "id, order_id, payment_id, amount, currency, status, created_at";
    private static final RowMapper<Refund> ROW = RefundRepository::map;

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Refund refund) {
        jdbc.sql("""
                        INSERT INTO refunds (id, order_id, payment_id, amount, currency, status, created_at, updated_at)
                        VALUES (:id, :orderId, :paymentId, :amount, :currency, :status, :at, :at)
                        """)
                .param("id", refund.id()).param("orderId", refund.orderId()).param("paymentId", refund.paymentId())
                .param("amount", refund.amount()).param("currency", refund.currency()).param("status", refund.status().name())
                .param("at", Timestamp.from(refund.createdAt()))
                .update();
    }

    Optional<Refund> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refunds WHERE id = :id").param("id", id).query(ROW).optional();
    }

    List<Refund> ofOrder(String orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refunds WHERE order_id = :orderId ORDER BY created_at, id")
                .param("orderId", orderId).query(ROW).list();
    }

    /** Applies the channel's answer to a refund that allows it; false when it was settled already. */
    boolean settle(String id, RefundStatus.Event event, String channelRefundNo, Instant at) {
        RefundStatus target = RefundStatus.PENDING.on(event).orElseThrow();
        return jdbc.sql("""
                        UPDATE refunds SET status = :status, channel_refund_no = :refundNo, updated_at = :at
                         WHERE id = :id AND status IN (:from)
                        """)
                .param("status", target.name()).param("from", RefundStatus.allowing(event)).param("refundNo", channelRefundNo).param("at", Timestamp.from(at)).param("id", id)
                .update() == 1;
    }

    /** What has actually gone back to the buyer (refunds the channel confirmed). */
    long succeededTotal(String orderId) {
        return jdbc.sql("SELECT COALESCE(sum(amount), 0) FROM refunds WHERE order_id = :orderId AND status = :succeeded")
                .param("orderId", orderId).param("succeeded", RefundStatus.SUCCEEDED.name()).query(Long.class).single();
    }

    private static Refund map(ResultSet rs, int row) throws SQLException {
        return new Refund(rs.getString("id"), rs.getString("order_id"), rs.getString("payment_id"), rs.getLong("amount"),
                rs.getString("currency"), RefundStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant());
    }
}
