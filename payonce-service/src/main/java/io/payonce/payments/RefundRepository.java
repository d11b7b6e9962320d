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
public class RefundRepository {

    private static final String COLUMNS = "id, order_id, payment_id, amount, currency, status, created_at";
    private static final RowMapper<Refund> ROW = RefundRepository::map;

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Refund refund) {
        jdbc.sql("""
                        INSERT INTO refunds (id, order_id, payment_id, amount, currency, status, created_at, updated_at)
                        VALUES (:id, :orderId, :paymentId, :amount, :currency, :status, :at, :at)
                        """)
                .param("id", refund.id()).param("orderId", refund.orderId()).param("paymentId", refund.paymentId())
                .param("amount", refund.amount()).param("currency", refund.currency()).param("status", refund.status())
                .param("at", Timestamp.from(refund.createdAt()))
                .update();
    }

    public Optional<Refund> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refunds WHERE id = :id").param("id", id).query(ROW).optional();
    }

    public List<Refund> ofOrder(String orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refunds WHERE order_id = :orderId ORDER BY created_at, id")
                .param("orderId", orderId).query(ROW).list();
    }

    /** Settles a refund that is still PENDING or UNKNOWN; false when it was settled already. */
    public boolean settle(String id, String status, String channelRefundNo, Instant at) {
        return jdbc.sql("""
                        UPDATE refunds SET status = :status, channel_refund_no = :refundNo, updated_at = :at
                         WHERE id = :id AND status IN ('PENDING', 'UNKNOWN')
                        """)
                .param("status", status).param("refundNo", channelRefundNo).param("at", Timestamp.from(at)).param("id", id)
                .update() == 1;
    }

    /** What has actually gone back to the buyer (refunds the channel confirmed). */
    public long succeededTotal(String orderId) {
        return jdbc.sql("SELECT COALESCE(sum(amount), 0) FROM refunds WHERE order_id = :orderId AND status = 'SUCCEEDED'")
                .param("orderId", orderId).query(Long.class).single();
    }

    private static Refund map(ResultSet rs, int row) throws SQLException {
        return new Refund(rs.getString("id"), rs.getString("order_id"), rs.getString("payment_id"), rs.getLong("amount"),
                rs.getString("currency"), rs.getString("status"), rs.getTimestamp("created_at").toInstant());
    }
}
