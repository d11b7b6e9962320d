package io.payonce.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Finding orders the way a shop owner asks for them (an order number, the buyer's email or user id,
 * a status), and one order's story as a timeline built from the timestamps its rows keep.
 */
@Service
public class OrderSearch {

    /** The statuses an order can have ({@code io.payonce.orders.OrderStatus}); anything else finds nothing. */
    static final List<String> STATUSES = List.of("PENDING_PAYMENT", "PAID", "DELIVERED", "CANCELLED", "EXPIRED",
            "PARTIALLY_REFUNDED", "REFUNDED");
    /** A page of results; the search is for finding one order, not for exporting them. */
    public static final int LIMIT_MAX = 200;

    private static final String COLUMNS = """
            id, status, sku, kind, quantity, amount, currency, refunded_amount, buyer_email, buyer_user_id, created_at, paid_at""";

    private final JdbcClient jdbc;

    OrderSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record OrderRow(String orderId, String status, String sku, String kind, int quantity, long amount, String currency,
                           long refundedAmount, String buyerEmail, String buyerUserId, Instant createdAt, Instant paidAt) {
    }

    /** One thing that happened to an order, in time order: what, when, and the row it is about. */
    public record Event(Instant at, String what, String ref, String detail) {
    }

    public record PaymentRow(String paymentId, String status, String channel, long amount, String currency, String tradeNo,
                             String failureCode, Instant createdAt, Instant updatedAt, Instant succeededAt) {
    }

    public record RefundRow(String refundId, String paymentId, String status, long amount, String currency, String channelRefundNo,
                            Instant createdAt, Instant updatedAt) {
    }

    public record ExceptionRow(String id, String kind, String state, long amount, String detail, String note, Instant createdAt,
                               Instant resolvedAt) {
    }

    public record Detail(OrderRow order, Instant expiresAt, Instant deliveredAt, Instant closedAt, Instant memberExpiresAt,
                         long cardKeysDelivered, List<PaymentRow> payments, List<RefundRow> refunds,
                         List<ExceptionRow> moneyExceptions, List<Event> timeline) {
    }

    /**
     * Orders newest first. {@code query} is an order number ({@code ord_...}), an email (has an
     * {@code @}, any case) or a buyer's user id; {@code status} narrows; both empty: the latest orders.
     */
    public List<OrderRow> search(String query, String status, int limit) {
        String q = query == null ? "" : query.strip();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE true");
        if (q.startsWith("ord_")) {
            sql.append(" AND id = :q");
        } else if (q.contains("@")) {
            sql.append(" AND lower(buyer_email) = :q");
            q = q.toLowerCase(Locale.ROOT);
        } else if (!q.isEmpty()) {
            sql.append(" AND buyer_user_id = :q");
        }
        if (status != null && !status.isBlank()) {
            sql.append(" AND status = :status");
        }
        sql.append(" ORDER BY created_at DESC, id LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("limit", limit);
        if (!q.isEmpty()) {
            statement = statement.param("q", q);
        }
        if (status != null && !status.isBlank()) {
            statement = statement.param("status", status);
        }
        return statement.query(OrderSearch::orderRow).list();
    }

    public Optional<Detail> detail(String orderId) {
        return jdbc.sql("SELECT " + COLUMNS + ", expires_at, delivered_at, closed_at, member_expires_at FROM orders WHERE id = :id")
                .param("id", orderId)
                .query((rs, row) -> detail(orderRow(rs, row), instant(rs, "expires_at"), instant(rs, "delivered_at"),
                        instant(rs, "closed_at"), instant(rs, "member_expires_at")))
                .optional();
    }

    private Detail detail(OrderRow order, Instant expiresAt, Instant deliveredAt, Instant closedAt, Instant memberExpiresAt) {
        String id = order.orderId();
        List<PaymentRow> payments = jdbc.sql("""
                        SELECT id, status, channel, amount, currency, trade_no, failure_code, created_at, updated_at, succeeded_at
                          FROM payments WHERE order_id = :id ORDER BY created_at, id""")
                .param("id", id)
                .query((rs, row) -> new PaymentRow(rs.getString("id"), rs.getString("status"), rs.getString("channel"),
                        rs.getLong("amount"), rs.getString("currency").strip(), rs.getString("trade_no"), rs.getString("failure_code"),
                        instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "succeeded_at"))).list();
        List<RefundRow> refunds = jdbc.sql("""
                        SELECT id, payment_id, status, amount, currency, channel_refund_no, created_at, updated_at
                          FROM refunds WHERE order_id = :id ORDER BY created_at, id""")
                .param("id", id)
                .query((rs, row) -> new RefundRow(rs.getString("id"), rs.getString("payment_id"), rs.getString("status"),
                        rs.getLong("amount"), rs.getString("currency").strip(), rs.getString("channel_refund_no"),
                        instant(rs, "created_at"), instant(rs, "updated_at"))).list();
        List<ExceptionRow> exceptions = jdbc.sql("""
                        SELECT id, kind, state, amount, detail, note, created_at, resolved_at
                          FROM money_exceptions WHERE order_id = :id ORDER BY created_at, id""")
                .param("id", id)
                .query((rs, row) -> new ExceptionRow(rs.getString("id"), rs.getString("kind"), rs.getString("state"),
                        rs.getLong("amount"), rs.getString("detail"), rs.getString("note"), instant(rs, "created_at"),
                        instant(rs, "resolved_at"))).list();
        long delivered = jdbc.sql("SELECT count(*) FROM card_keys WHERE order_id = :id AND status = 'DELIVERED'")
                .param("id", id).query(Long.class).single();
        List<Event> timeline = Timeline.of(order, deliveredAt, closedAt, payments, refunds, exceptions);
        return new Detail(order, expiresAt, deliveredAt, closedAt, memberExpiresAt, delivered, payments, refunds, exceptions, timeline);
    }

    private static OrderRow orderRow(ResultSet rs, int row) throws SQLException {
        return new OrderRow(rs.getString("id"), rs.getString("status"), rs.getString("sku"), rs.getString("kind"),
                rs.getInt("quantity"), rs.getLong("amount"), rs.getString("currency").strip(), rs.getLong("refunded_amount"),
                rs.getString("buyer_email"), rs.getString("buyer_user_id"), instant(rs, "created_at"), instant(rs, "paid_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The events an order's rows record, oldest first; a state with no timestamp of its own is not guessed. */
    static final class Timeline {
        private Timeline() {
        }

        static List<Event> of(OrderRow order, Instant deliveredAt, Instant closedAt, List<PaymentRow> payments,
                              List<RefundRow> refunds, List<ExceptionRow> exceptions) {
            List<Event> events = new ArrayList<>();
            events.add(new Event(order.createdAt(), "order created", order.orderId(), order.quantity() + " x " + order.sku()));
            for (PaymentRow p : payments) {
                events.add(new Event(p.createdAt(), "payment opened", p.paymentId(), p.channel() + ", " + p.amount() + " " + p.currency()));
                if (p.succeededAt() != null) {
                    events.add(new Event(p.succeededAt(), "payment succeeded", p.paymentId(), p.tradeNo()));
                } else if (!"PENDING".equals(p.status())) {
                    events.add(new Event(p.updatedAt(), "payment " + p.status().toLowerCase(Locale.ROOT), p.paymentId(), p.failureCode()));
                }
            }
            add(events, order.paidAt(), "order paid", order.orderId(), null);
            add(events, deliveredAt, "order delivered", order.orderId(), null);
            add(events, closedAt, "order closed", order.orderId(), null);
            for (RefundRow r : refunds) {
                events.add(new Event(r.createdAt(), "refund requested", r.refundId(), r.amount() + " " + r.currency()));
                if (!"PENDING".equals(r.status())) {
                    events.add(new Event(r.updatedAt(), "refund " + r.status().toLowerCase(Locale.ROOT), r.refundId(), r.channelRefundNo()));
                }
            }
            for (ExceptionRow e : exceptions) {
                events.add(new Event(e.createdAt(), "money exception " + e.kind(), e.id(), e.detail()));
                add(events, e.resolvedAt(), "money exception resolved", e.id(), e.note());
            }
            events.sort(Comparator.comparing(Event::at));
            return events;
        }

        private static void add(List<Event> events, Instant at, String what, String ref, String detail) {
            if (at != null) {
                events.add(new Event(at, what, ref, detail));
            }
        }
    }
}
