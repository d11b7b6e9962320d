package io.payonce.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.payonce.jobs.RowRetries;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payment attempts in PostgreSQL; each change of status is conditional on the status it leaves. */
@Repository
class PaymentRepository {

    private static final String COLUMNS =
            "id, order_id, channel, status, amount, currency, trade_no, pay_url, failure_code, created_at, succeeded_at,"
            + " COALESCE(requested_channel, channel) AS requested_channel";
    private static final RowMapper<Payment> ROW = PaymentRepository::map;

    /**
     * The partial unique index's predicate, which an ON CONFLICT target must repeat as literal SQL
     * (it cannot be a parameter); built from the enum, and PaymentRulesIT checks the index says the same.
     */
    static final String HOLDING_ORDER_PREDICATE = "status IN (" + PaymentStatus.names(PaymentStatus.HOLDING_ORDER).stream()
            .map(name -> "'" + name + "'").collect(java.util.stream.Collectors.joining(", ")) + ")";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a PENDING attempt unless the order already has a live or succeeded one (the
     * partial unique index decides, under any concurrency). False when one exists.
     */
    boolean insertIfNoneLive(Payment payment, Instant firstQueryAt) {
        return jdbc.sql("""
                        INSERT INTO payments (id, order_id, channel, requested_channel, status, amount, currency,
                                              created_at, updated_at, next_query_at)
                        VALUES (:id, :orderId, :channel, :requested, :status, :amount, :currency, :at, :at, :firstQueryAt)
                        ON CONFLICT (order_id) WHERE\s""" + HOLDING_ORDER_PREDICATE + " DO NOTHING")
                .param("status", payment.status().name()).param("requested", payment.requestedChannel())
                .param("firstQueryAt", Timestamp.from(firstQueryAt))
                .param("id", payment.id()).param("orderId", payment.orderId()).param("channel", payment.channel())
                .param("amount", payment.amount()).param("currency", payment.currency())
                .param("at", Timestamp.from(payment.createdAt()))
                .update() == 1;
    }

    Optional<Payment> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id").param("id", id).query(ROW).optional();
    }

    /** The order's one attempt that holds it (live or succeeded), if any. */
    Optional<Payment> findHoldingOrder(String orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE order_id = :orderId AND status IN (:holding)")
                .param("orderId", orderId).param("holding", PaymentStatus.names(PaymentStatus.HOLDING_ORDER))
                .query(ROW).optional();
    }

    List<Payment> ofOrder(String orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE order_id = :orderId ORDER BY created_at, id")
                .param("orderId", orderId).query(ROW).list();
    }

    /** Records the gateway's trade; leaves the status alone (a notification may have settled it already). */
    Payment recordTrade(String id, String tradeNo, String payUrl, Instant at) {
        return jdbc.sql("UPDATE payments SET trade_no = COALESCE(trade_no, :tradeNo), pay_url = :payUrl, updated_at = :at"
                        + " WHERE id = :id RETURNING " + COLUMNS)
                .param("id", id).param("tradeNo", tradeNo).param("payUrl", payUrl).param("at", Timestamp.from(at))
                .query(ROW).single();
    }

    /**
     * Applies an event to a payment still in one of {@code from}; returns the payment after it, or
     * empty when another writer moved it first.
     */
    Optional<Payment> transition(String id, Collection<PaymentStatus> from, PaymentStatus.Event event,
                                        String failureCode, Instant at) {
        PaymentStatus target = from.stream().map(status -> status.on(event).orElseThrow(
                        () -> new IllegalStateException(status + " --" + event + "--> is not in the state machine")))
                .distinct().reduce((a, b) -> {
                    throw new IllegalStateException("Event " + event + " leads to more than one status");
                }).orElseThrow();
        return jdbc.sql("UPDATE payments SET status = :target, failure_code = COALESCE(:failure, failure_code), updated_at = :at"
                        + " WHERE id = :id AND status IN (:from) RETURNING " + COLUMNS)
                .param("target", target.name()).param("failure", failureCode).param("at", Timestamp.from(at))
                .param("id", id).param("from", from.stream().map(Enum::name).toList())
                .query(ROW).optional();
    }

    /**
     * The gateway's confirmed payment: SUCCEED from any status that allows it, only when channel,
     * amount, currency and trade number are exactly what payonce asked for. Empty when it did not apply.
     */
    Optional<Payment> markSucceeded(String id, String channel, String tradeNo, long amount, String currency, Instant at) {
        return jdbc.sql("""
                        UPDATE payments SET status = :target, trade_no = COALESCE(trade_no, :tradeNo),
                                            succeeded_at = :at, updated_at = :at
                         WHERE id = :id AND channel = :channel AND status IN (:from)
                           AND amount = :amount AND currency = :currency
                           AND (trade_no IS NULL OR trade_no = :tradeNo)
                        RETURNING\s""" + COLUMNS)
                .param("target", PaymentStatus.SUCCEEDED.name()).param("from", PaymentStatus.allowing(PaymentStatus.Event.SUCCEED))
                .param("id", id).param("channel", channel).param("tradeNo", tradeNo)
                .param("amount", amount).param("currency", currency).param("at", Timestamp.from(at))
                .query(ROW).optional();
    }

    /**
     * Live attempts whose next question to the gateway is due, the longest-waiting first: "due"
     * is decided here, by next_query_at (index payments_due), so a batch full of young PENDING
     * attempts cannot hold back an old UNKNOWN one. Rows a job is backing off from are left out.
     */
    List<Payment> due(Instant now, int limit, String job) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE status IN (:live) AND next_query_at <= :now"
                        + " AND " + RowRetries.NOT_BACKING_OFF.formatted("payments.id") + " ORDER BY next_query_at, id LIMIT :limit")
                .param("live", PaymentStatus.allowing(PaymentStatus.Event.SUCCEED))
                .param("now", Timestamp.from(now)).param("limit", limit).param("job", job)
                .query(ROW).list();
    }

    /** Counts one more inconclusive question about a live attempt; returns how many there were, or 0 when it is no longer live. */
    int countQuery(String id) {
        return jdbc.sql("UPDATE payments SET query_attempts = query_attempts + 1 WHERE id = :id AND status IN (:live)"
                        + " RETURNING query_attempts")
                .param("live", PaymentStatus.allowing(PaymentStatus.Event.SUCCEED)).param("id", id)
                .query(Integer.class).optional().orElse(0);
    }

    /** When to ask the gateway about a live attempt next; nothing for an attempt already settled. */
    void scheduleQuery(String id, Instant nextQueryAt, Instant at) {
        jdbc.sql("UPDATE payments SET next_query_at = :next, updated_at = :at WHERE id = :id AND status IN (:live)")
                .param("live", PaymentStatus.allowing(PaymentStatus.Event.SUCCEED)).param("id", id)
                .param("next", Timestamp.from(nextQueryAt)).param("at", Timestamp.from(at)).update();
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        Timestamp succeeded = rs.getTimestamp("succeeded_at");
        return new Payment(rs.getString("id"), rs.getString("order_id"), rs.getString("channel"),
                PaymentStatus.valueOf(rs.getString("status")), rs.getLong("amount"), rs.getString("currency"),
                rs.getString("trade_no"), rs.getString("pay_url"), rs.getString("failure_code"),
                rs.getTimestamp("created_at").toInstant(), succeeded == null ? null : succeeded.toInstant(),
                rs.getString("requested_channel"));
    }
}
