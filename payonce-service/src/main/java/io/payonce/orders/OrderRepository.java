package io.payonce.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payonce.jobs.RowRetries;
import io.payonce.products.ProductKind;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Orders in PostgreSQL. Every change of status is conditional on the status it leaves. */
@Repository
public class OrderRepository {

    private static final String COLUMNS = """
            id, sku, kind, quantity, amount, currency, status, buyer_user_id, buyer_email, membership_days,
            refunded_amount, created_at, expires_at, paid_at, delivered_at, member_expires_at""";
    private static final RowMapper<Order> ROW = OrderRepository::map;

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Order order) {
        jdbc.sql("""
                        INSERT INTO orders (id, sku, kind, quantity, amount, currency, status, buyer_user_id, buyer_email,
                                            membership_days, created_at, expires_at)
                        VALUES (:id, :sku, :kind, :quantity, :amount, :currency, :status, :userId, :email,
                                :membershipDays, :createdAt, :expiresAt)
                        """)
                .param("id", order.id()).param("sku", order.sku()).param("kind", order.kind().name())
                .param("quantity", order.quantity()).param("amount", order.amount()).param("currency", order.currency())
                .param("status", order.status().name()).param("userId", order.buyerUserId())
                .param("email", order.buyerEmail()).param("membershipDays", order.membershipDays())
                .param("createdAt", ts(order.createdAt())).param("expiresAt", ts(order.expiresAt()))
                .update();
    }

    public Optional<Order> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id").param("id", id).query(ROW).optional();
    }

    /** Reads the order and holds its row lock until the transaction ends: per-order serialisation. */
    public Optional<Order> lock(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id FOR UPDATE").param("id", id).query(ROW).optional();
    }

    /**
     * PENDING_PAYMENT to PAID, in the transaction that books the charge; the goods follow in the
     * same transaction ({@link #markDelivered}). Empty when the order was no longer waiting for payment.
     */
    public Optional<Order> markPaid(String id, Instant paidAt) {
        requireAllowed(OrderStatus.PENDING_PAYMENT, OrderEvent.PAY, OrderStatus.PAID);
        return jdbc.sql("UPDATE orders SET status = 'PAID', paid_at = :at"
                        + " WHERE id = :id AND status = 'PENDING_PAYMENT' RETURNING " + COLUMNS)
                .param("id", id).param("at", ts(paidAt))
                .query(ROW).optional();
    }

    /** PAID to DELIVERED once the goods were handed over; false when the order was not PAID. */
    public boolean markDelivered(String id, Instant deliveredAt) {
        requireAllowed(OrderStatus.PAID, OrderEvent.DELIVER, OrderStatus.DELIVERED);
        return jdbc.sql("UPDATE orders SET status = 'DELIVERED', delivered_at = :at WHERE id = :id AND status = 'PAID'")
                .param("id", id).param("at", ts(deliveredAt))
                .update() == 1;
    }

    public void recordMemberExpiry(String id, Instant memberExpiresAt) {
        jdbc.sql("UPDATE orders SET member_expires_at = :at WHERE id = :id")
                .param("id", id).param("at", ts(memberExpiresAt)).update();
    }

    /** PENDING_PAYMENT to CANCELLED or EXPIRED; false when it had left PENDING_PAYMENT. */
    public boolean close(String id, OrderEvent event, Instant at) {
        OrderStatus target = OrderStatus.PENDING_PAYMENT.on(event)
                .filter(status -> status == OrderStatus.CANCELLED || status == OrderStatus.EXPIRED)
                .orElseThrow(() -> new IllegalArgumentException("Not a closing event: " + event));
        return jdbc.sql("UPDATE orders SET status = :target, closed_at = :at WHERE id = :id AND status = 'PENDING_PAYMENT'")
                .param("target", target.name()).param("id", id).param("at", ts(at))
                .update() == 1;
    }

    /**
     * Sets aside {@code amount} of the paid amount for a refund, so refunds in flight at the same
     * time can never add up to more than was paid. False when the order is not refundable or
     * the amount would pass the paid amount.
     */
    public boolean reserveRefund(String id, long amount) {
        return jdbc.sql("""
                        UPDATE orders SET refunded_amount = refunded_amount + :amount
                         WHERE id = :id AND status IN ('PAID', 'DELIVERED', 'PARTIALLY_REFUNDED')
                           AND refunded_amount + :amount <= amount
                        """)
                .param("id", id).param("amount", amount)
                .update() == 1;
    }

    /** Gives back an amount set aside for a refund the channel declined. */
    public void releaseRefund(String id, long amount) {
        jdbc.sql("UPDATE orders SET refunded_amount = refunded_amount - :amount WHERE id = :id AND refunded_amount >= :amount")
                .param("id", id).param("amount", amount).update();
    }

    /** Moves a paid order to PARTIALLY_REFUNDED or REFUNDED after a refund succeeded. */
    public void markRefunded(String id, OrderStatus from, boolean all) {
        OrderStatus target = from.on(all ? OrderEvent.REFUND_ALL : OrderEvent.REFUND_PART)
                .orElseThrow(() -> new IllegalStateException("Order " + id + " cannot be refunded from " + from));
        jdbc.sql("UPDATE orders SET status = :target WHERE id = :id AND status = :from")
                .param("target", target.name()).param("id", id).param("from", from.name())
                .update();
    }

    /**
     * Orders whose payment window passed, oldest first, leaving out those {@code job} failed on
     * whose retry is not due yet (see io.payonce.jobs.RowRetries).
     */
    public List<String> expiredBefore(Instant now, int limit, String job) {
        return jdbc.sql("SELECT id FROM orders WHERE status = 'PENDING_PAYMENT' AND expires_at < :now AND "
                        + RowRetries.NOT_BACKING_OFF.formatted("orders.id") + " ORDER BY expires_at LIMIT :limit")
                .param("now", ts(now)).param("limit", limit).param("job", job)
                .query(String.class).list();
    }

    private static void requireAllowed(OrderStatus from, OrderEvent event, OrderStatus to) {
        if (from.on(event).orElse(null) != to) {
            throw new IllegalStateException(from + " --" + event + "--> " + to + " is not in the state machine");
        }
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Order map(ResultSet rs, int row) throws SQLException {
        Integer days = (Integer) rs.getObject("membership_days");
        return new Order(rs.getString("id"), rs.getString("sku"), ProductKind.valueOf(rs.getString("kind")),
                rs.getInt("quantity"), rs.getLong("amount"), rs.getString("currency"),
                OrderStatus.valueOf(rs.getString("status")), rs.getString("buyer_user_id"), rs.getString("buyer_email"),
                days, rs.getLong("refunded_amount"),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "paid_at"),
                instant(rs, "delivered_at"), instant(rs, "member_expires_at"));
    }
}
