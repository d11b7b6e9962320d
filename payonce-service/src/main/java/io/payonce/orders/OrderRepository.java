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

/**
 * Orders in PostgreSQL, for {@link Orders} alone. Every change of status is conditional on the
 * statuses that {@link OrderStatus} allows the event from.
 */
@Repository
class OrderRepository {

    private static final String COLUMNS = """
            id, sku, kind, quantity, amount, currency, status, buyer_user_id, buyer_email, membership_days,
            refunded_amount, created_at, expires_at, paid_at, delivered_at, member_expires_at""";
    private static final RowMapper<Order> ROW = OrderRepository::map;

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Order order, Holder holder) {
        jdbc.sql("""
                        INSERT INTO orders (id, sku, kind, quantity, amount, currency, status, buyer_user_id, buyer_email,
                                            membership_days, created_at, expires_at, holder, client_ip, intake_seq)
                        VALUES (:id, :sku, :kind, :quantity, :amount, :currency, :status, :userId, :email,
                                :membershipDays, :createdAt, :expiresAt, :holder, :clientIp,
                                CASE WHEN :status = 'QUEUED' THEN nextval('order_intake_seq') END)
                        """)
                .param("holder", holder.id()).param("clientIp", holder.clientIp())
                .param("id", order.id()).param("sku", order.sku()).param("kind", order.kind().name())
                .param("quantity", order.quantity()).param("amount", order.amount()).param("currency", order.currency())
                .param("status", order.status().name()).param("userId", order.buyerUserId())
                .param("email", order.buyerEmail()).param("membershipDays", order.membershipDays())
                .param("createdAt", ts(order.createdAt())).param("expiresAt", ts(order.expiresAt()))
                .update();
    }

    Optional<Order> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id").param("id", id).query(ROW).optional();
    }

    /** Reads the order and holds its row lock until the transaction ends: per-order serialisation. */
    Optional<Order> lock(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id FOR UPDATE").param("id", id).query(ROW).optional();
    }

    /**
     * The oldest queued orders taken in at or before {@code queuedBy}, in arrival order, locked;
     * rows another worker holds are skipped, so workers on several instances take disjoint batches.
     */
    List<Order> lockQueuedHead(Instant queuedBy, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE status = 'QUEUED' AND created_at <= :by"
                        + " ORDER BY intake_seq LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("by", ts(queuedBy)).param("limit", limit)
                .query(ROW).list();
    }

    /** Those of {@code ids} still queued, in arrival order, locked; rows another worker holds are skipped. */
    List<Order> lockQueued(List<String> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id IN (:ids) AND status = 'QUEUED'"
                        + " ORDER BY intake_seq FOR UPDATE SKIP LOCKED")
                .param("ids", ids)
                .query(ROW).list();
    }

    /** RESERVE: a queued order got its stock; its payment window starts now and ends at {@code expiresAt}. */
    boolean reserved(String id, Instant at, Instant expiresAt) {
        OrderStatus target = OrderStatus.QUEUED.on(OrderEvent.RESERVE).orElseThrow();
        return jdbc.sql("UPDATE orders SET status = :target, turn_at = :at, expires_at = :expiresAt WHERE id = :id AND status IN (:from)")
                .param("target", target.name()).param("from", OrderStatus.allowing(OrderEvent.RESERVE))
                .param("id", id).param("at", ts(at)).param("expiresAt", ts(expiresAt))
                .update() == 1;
    }

    /** SELL_OUT: a queued order found no stock; it ends here, at {@code at}. */
    boolean soldOut(String id, Instant at) {
        OrderStatus target = OrderStatus.QUEUED.on(OrderEvent.SELL_OUT).orElseThrow();
        return jdbc.sql("UPDATE orders SET status = :target, turn_at = :at, closed_at = :at WHERE id = :id AND status IN (:from)")
                .param("target", target.name()).param("from", OrderStatus.allowing(OrderEvent.SELL_OUT))
                .param("id", id).param("at", ts(at))
                .update() == 1;
    }

    /** PAY: PENDING_PAYMENT to PAID, in the transaction that books the charge. Empty when the order no longer allows it. */
    Optional<Order> markPaid(String id, Instant paidAt) {
        OrderStatus paid = OrderStatus.PENDING_PAYMENT.on(OrderEvent.PAY).orElseThrow();
        return jdbc.sql("UPDATE orders SET status = :target, paid_at = :at"
                        + " WHERE id = :id AND status IN (:from) RETURNING " + COLUMNS)
                .param("target", paid.name()).param("from", OrderStatus.allowing(OrderEvent.PAY))
                .param("id", id).param("at", ts(paidAt))
                .query(ROW).optional();
    }

    /** DELIVER: PAID to DELIVERED once the goods were handed over; false when the order does not allow it. */
    boolean markDelivered(String id, Instant deliveredAt) {
        OrderStatus delivered = OrderStatus.PAID.on(OrderEvent.DELIVER).orElseThrow();
        return jdbc.sql("UPDATE orders SET status = :target, delivered_at = :at WHERE id = :id AND status IN (:from)")
                .param("target", delivered.name()).param("from", OrderStatus.allowing(OrderEvent.DELIVER))
                .param("id", id).param("at", ts(deliveredAt))
                .update() == 1;
    }

    void recordMemberExpiry(String id, Instant memberExpiresAt) {
        jdbc.sql("UPDATE orders SET member_expires_at = :at WHERE id = :id")
                .param("id", id).param("at", ts(memberExpiresAt)).update();
    }

    /** A closing event (cancel, expiry) on an order that allows it; false when it no longer does. */
    boolean close(String id, OrderStatus from, OrderEvent event, Instant at) {
        OrderStatus target = from.on(event).orElseThrow(() -> new IllegalStateException(from + " --" + event + "--> is not in the state machine"));
        return jdbc.sql("UPDATE orders SET status = :target, closed_at = :at WHERE id = :id AND status = :from")
                .param("target", target.name()).param("from", from.name()).param("id", id).param("at", ts(at))
                .update() == 1;
    }

    /**
     * Sets aside {@code amount} of the paid amount for a refund, so refunds in flight at the same
     * time can never add up to more than was paid. False when it would pass the paid amount.
     */
    boolean reserveRefund(String id, long amount) {
        return jdbc.sql("""
                        UPDATE orders SET refunded_amount = refunded_amount + :amount
                         WHERE id = :id AND status IN (:refundable) AND refunded_amount + :amount <= amount
                        """)
                .param("id", id).param("amount", amount).param("refundable", OrderStatus.allowing(OrderEvent.REFUND_PART))
                .update() == 1;
    }

    /** Gives back an amount set aside for a refund the channel declined. */
    void releaseRefund(String id, long amount) {
        jdbc.sql("UPDATE orders SET refunded_amount = refunded_amount - :amount WHERE id = :id AND refunded_amount >= :amount")
                .param("id", id).param("amount", amount).update();
    }

    /** A refund event on an order in {@code from}; false when another writer moved it first. */
    boolean refunded(String id, OrderStatus from, OrderEvent event) {
        OrderStatus target = from.on(event).orElseThrow(() -> new IllegalStateException(from + " --" + event + "--> is not in the state machine"));
        return jdbc.sql("UPDATE orders SET status = :target WHERE id = :id AND status = :from")
                .param("target", target.name()).param("id", id).param("from", from.name())
                .update() == 1;
    }

    /**
     * Orders whose payment window passed, oldest first, leaving out those {@code job} failed on
     * whose retry is not due yet (see io.payonce.jobs.RowRetries).
     */
    List<String> expiredBefore(Instant now, int limit, String job) {
        return jdbc.sql("SELECT id FROM orders WHERE status IN (:expirable) AND expires_at < :now AND "
                        + RowRetries.NOT_BACKING_OFF.formatted("orders.id") + " ORDER BY expires_at LIMIT :limit")
                .param("expirable", OrderStatus.allowing(OrderEvent.EXPIRE)).param("now", ts(now)).param("limit", limit)
                .param("job", job)
                .query(String.class).list();
    }

    /**
     * Who holds the most units in unpaid card-key orders, by caller and client address, biggest first.
     * Reads the partial index of unpaid orders only (V9), so its cost follows the orders waiting for payment.
     */
    List<Orders.HeldUnits> biggestHolders(int limit) {
        return jdbc.sql("""
                        SELECT holder, client_ip, sum(quantity) AS units, count(*) AS orders, min(created_at) AS oldest
                          FROM orders WHERE status = 'PENDING_PAYMENT' AND kind = 'CARD_KEY'
                         GROUP BY holder, client_ip ORDER BY units DESC, oldest LIMIT :limit""")
                .param("limit", limit)
                .query((rs, row) -> new Orders.HeldUnits(rs.getString("holder"), rs.getString("client_ip"),
                        rs.getLong("units"), rs.getLong("orders"), instant(rs, "oldest")))
                .list();
    }

    /** Unpaid card-key orders of a caller or of a client address (whichever is given), oldest first. */
    List<String> unpaidOf(String holder, String clientIp, int limit) {
        String column = holder != null ? "holder" : "client_ip";
        return jdbc.sql("SELECT id FROM orders WHERE " + column + " = :value AND status = 'PENDING_PAYMENT' AND kind = 'CARD_KEY'"
                        + " ORDER BY created_at LIMIT :limit")
                .param("value", holder != null ? holder : clientIp).param("limit", limit)
                .query(String.class).list();
    }

    private static Timestamp ts(Instant instant) {
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
