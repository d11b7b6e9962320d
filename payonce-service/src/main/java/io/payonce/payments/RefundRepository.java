package io.payonce.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payonce.jobs.RowRetries;
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

    /** Inserts a refund; the janitor first asks about it at {@code firstQueryAt}, when its request's lease has run out. */
    void insert(Refund refund, Instant firstQueryAt) {
        jdbc.sql("""
                        INSERT INTO refunds (id, order_id, payment_id, amount, currency, status, created_at, updated_at, next_query_at)
                        VALUES (:id, :orderId, :paymentId, :amount, :currency, :status, :at, :at, :firstQueryAt)
                        """)
                .param("firstQueryAt", Timestamp.from(firstQueryAt))
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

    /** PENDING refunds whose next question to the gateway is due, the longest-waiting first; rows backing off left out. */
    List<Refund> due(Instant now, int limit, String job) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refunds WHERE status = 'PENDING' AND next_query_at <= :now"
                        + " AND " + RowRetries.NOT_BACKING_OFF.formatted("refunds.id") + " ORDER BY next_query_at, id LIMIT :limit")
                .param("now", Timestamp.from(now)).param("limit", limit).param("job", job)
                .query(ROW).list();
    }

    /** Counts one more inconclusive question about a PENDING refund; how many there were, or 0 when it is settled. */
    int countQuery(String id) {
        return jdbc.sql("UPDATE refunds SET query_attempts = query_attempts + 1 WHERE id = :id AND status = 'PENDING'"
                        + " RETURNING query_attempts")
                .param("id", id).query(Integer.class).optional().orElse(0);
    }

    void scheduleQuery(String id, Instant nextQueryAt, Instant at) {
        jdbc.sql("UPDATE refunds SET next_query_at = :next, updated_at = :at WHERE id = :id AND status = 'PENDING'")
                .param("id", id).param("next", Timestamp.from(nextQueryAt)).param("at", Timestamp.from(at)).update();
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
