package io.payonce.reconcile;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.payonce.orders.OrderStatus;
import io.payonce.payments.PaymentStatus;
import io.payonce.payments.RefundStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What payonce booked, as the reconciliation reads it: payments (with their order's status) and
 * refunds of one channel. Read only: every change the reconciliation makes goes through the
 * payments package's own services, as a notification or a refund query would.
 */
@Repository
class PayonceRows {

    /** Ids per IN list: PostgreSQL takes more, but a statement's size stays modest. */
    private static final int IDS_PER_QUERY = 1_000;

    private final JdbcClient jdbc;

    PayonceRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A payment attempt and the status of its order. */
    record PaymentRow(String id, String orderId, String channel, PaymentStatus status, long amount, String tradeNo,
                      OrderStatus orderStatus) {
        boolean orderClosed() {
            return orderStatus.terminal() && !orderStatus.paid();
        }
    }

    /** A refund and the channel of the payment it gives back. */
    record RefundRow(String id, String paymentId, String channel, RefundStatus status, long amount) {
    }

    /**
     * A money exception (issue 9's janitor, {@code payments.MoneyExceptions}) about a charge payonce
     * never meant to take, and payonce's own refund of it.
     */
    record ExceptionRow(String id, String paymentId, String state, String autoRefund, String refundId, long amount) {
        boolean settled() {
            return state.equals("REFUNDED") || state.equals("RESOLVED");
        }

        String describe() {
            return "money exception " + id + " (" + state + (autoRefund == null ? "" : ", its refund " + autoRefund) + ")";
        }
    }

    private static final String EXCEPTIONS = "SELECT id, payment_id, state, auto_refund, refund_id, amount FROM money_exceptions";

    private static final String PAYMENTS = """
            SELECT p.id, p.order_id, p.channel, p.status, p.amount, p.trade_no, o.status AS order_status
              FROM payments p JOIN orders o ON o.id = p.order_id
            """;
    private static final String REFUNDS = """
            SELECT r.id, r.payment_id, p.channel, r.status, r.amount
              FROM refunds r JOIN payments p ON p.id = r.payment_id
            """;

    Map<String, PaymentRow> payments(String channel, Collection<String> ids) {
        return byId(ids, chunk -> jdbc.sql(PAYMENTS + " WHERE p.channel = :channel AND p.id IN (:ids)")
                .param("channel", channel).param("ids", chunk).query(PayonceRows::payment).list(), PaymentRow::id);
    }

    Map<String, RefundRow> refunds(String channel, Collection<String> ids) {
        return byId(ids, chunk -> jdbc.sql(REFUNDS + " WHERE p.channel = :channel AND r.id IN (:ids)")
                .param("channel", channel).param("ids", chunk).query(PayonceRows::refund).list(), RefundRow::id);
    }

    /** Money exceptions about charges on these payments (a charge on a failed payment or a closed order), by payment. */
    Map<String, ExceptionRow> chargeExceptions(String channel, Collection<String> paymentIds) {
        return byId(paymentIds, chunk -> jdbc.sql(EXCEPTIONS + " WHERE channel = :channel AND payment_id IN (:ids)"
                        + " AND kind IN ('CHARGE_ON_FAILED_PAYMENT', 'CHARGE_ON_CLOSED_ORDER') ORDER BY created_at")
                .param("channel", channel).param("ids", chunk).query(PayonceRows::exception).list(), ExceptionRow::paymentId);
    }

    /** Money exceptions whose own refund has one of these refund ids, by refund id. */
    Map<String, ExceptionRow> refundExceptions(String channel, Collection<String> refundIds) {
        return byId(refundIds, chunk -> jdbc.sql(EXCEPTIONS + " WHERE channel = :channel AND refund_id IN (:ids)")
                .param("channel", channel).param("ids", chunk).query(PayonceRows::exception).list(), ExceptionRow::refundId);
    }

    /** Payments that succeeded in [from, to): the day's charges as payonce booked them; at most {@code limit}. */
    List<PaymentRow> paymentsSucceeded(String channel, Instant from, Instant to, int limit) {
        return jdbc.sql(PAYMENTS + " WHERE p.channel = :channel AND p.status = 'SUCCEEDED'"
                        + " AND p.succeeded_at >= :from AND p.succeeded_at < :to ORDER BY p.succeeded_at, p.id LIMIT :limit")
                .param("channel", channel).param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("limit", limit)
                .query(PayonceRows::payment).list();
    }

    /**
     * Refunds the channel confirmed in [from, to): a refund's last write is its settlement (a final
     * status never changes again), so its updated_at is when payonce booked it.
     */
    List<RefundRow> refundsSucceeded(String channel, Instant from, Instant to, int limit) {
        return jdbc.sql(REFUNDS + " WHERE p.channel = :channel AND r.status = 'SUCCEEDED'"
                        + " AND r.updated_at >= :from AND r.updated_at < :to ORDER BY r.updated_at, r.id LIMIT :limit")
                .param("channel", channel).param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("limit", limit)
                .query(PayonceRows::refund).list();
    }

    private static <T> Map<String, T> byId(Collection<String> ids, Function<List<String>, List<T>> query, Function<T, String> id) {
        List<String> all = new ArrayList<>(ids);
        Map<String, T> found = new HashMap<>();
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            found.putAll(query.apply(all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY))).stream()
                    .collect(Collectors.toMap(id, Function.identity(), (first, second) -> first)));
        }
        return found;
    }

    private static PaymentRow payment(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new PaymentRow(rs.getString("id"), rs.getString("order_id"), rs.getString("channel"),
                PaymentStatus.valueOf(rs.getString("status")), rs.getLong("amount"), rs.getString("trade_no"),
                OrderStatus.valueOf(rs.getString("order_status")));
    }

    private static ExceptionRow exception(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ExceptionRow(rs.getString("id"), rs.getString("payment_id"), rs.getString("state"), rs.getString("auto_refund"),
                rs.getString("refund_id"), rs.getLong("amount"));
    }

    private static RefundRow refund(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new RefundRow(rs.getString("id"), rs.getString("payment_id"), rs.getString("channel"),
                RefundStatus.valueOf(rs.getString("status")), rs.getLong("amount"));
    }
}
