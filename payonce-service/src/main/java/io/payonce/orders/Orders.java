package io.payonce.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.payonce.cardkeys.CardKeyStock;
import io.payonce.common.Ids;
import io.payonce.common.Refusal;
import io.payonce.config.PayonceProperties;
import io.payonce.membership.MembershipGrants;
import io.payonce.membership.OrderGrant;
import io.payonce.products.Catalog;
import io.payonce.products.Product;
import io.payonce.products.ProductKind;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order aggregate: every change of an order's state, and the rule that allows it, is here.
 * Other packages ask through methods that say what happens. The writing methods run in the
 * caller's transaction (MANDATORY), so an order change commits or rolls back with the payment,
 * refund or stock change it belongs to; each locks the order row first (the lock order of
 * docs/architecture.md: order, then payment, then refund, then card keys).
 */
@Service
public class Orders {

    private final OrderRepository orders;
    private final Catalog catalog;
    private final CardKeyStock stock;
    private final MembershipGrants memberships;
    private final Clock clock;
    private final Duration expiry;
    private final Duration flashSaleExpiry;
    private final ReservationCaps caps;

    Orders(OrderRepository orders, Catalog catalog, CardKeyStock stock, MembershipGrants memberships, Clock clock,
           PayonceProperties properties, ReservationSettings reservations, ReservationCaps caps) {
        this.orders = orders;
        this.catalog = catalog;
        this.stock = stock;
        this.memberships = memberships;
        this.clock = clock;
        this.expiry = properties.orders().expiry();
        this.flashSaleExpiry = reservations.flashSaleExpiry();
        this.caps = caps;
    }

    /** What a buyer asks for; already validated for shape and bounds. */
    public record NewOrder(String sku, int quantity, String buyerUserId, String buyerEmail, Holder holder) {

        /** An order placed by no caller in particular (fixtures): held to the product's cap only. */
        public NewOrder(String sku, int quantity, String buyerUserId, String buyerEmail) {
            this(sku, quantity, buyerUserId, buyerEmail, Holder.NONE);
        }
    }

    /**
     * Creates the order at the product's price and reserves its card keys. Past a cap on unpaid
     * reservations it refuses {@code RESERVATION_LIMIT} before reserving anything; not enough stock
     * refuses {@code SOLD_OUT}; either way the caller's rollback leaves no trace of the order.
     * A queued product's order is written {@code QUEUED} with nothing reserved: {@link #takeTurns}
     * reserves it later, in arrival order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order create(NewOrder request) {
        Product product = catalog.find(request.sku())
                .orElseThrow(() -> new Refusal(Refusal.Reason.PRODUCT_NOT_FOUND, "No product with sku '" + request.sku() + "'"));
        if (request.quantity() < 1 || request.quantity() > OrderLimits.QUANTITY_MAX) {
            throw new Refusal(Refusal.Reason.INVALID_REQUEST, "quantity: must be between 1 and " + OrderLimits.QUANTITY_MAX);
        }
        Integer productMax = product.limits().orderQuantityMax();
        if (productMax != null && request.quantity() > productMax) {
            // 400, not 429: waiting does not make this order acceptable, a smaller one is.
            throw new Refusal(Refusal.Reason.INVALID_REQUEST, "quantity: at most " + productMax + " of '" + product.sku() + "' per order");
        }
        if (product.kind() == ProductKind.MEMBERSHIP) {
            requireGrantable(request.buyerUserId(), Math.multiplyExact(product.membershipDays(), request.quantity()));
        }
        Instant now = now();
        boolean queued = product.limits().queued();
        Order order = new Order(Ids.next("ord"), product.sku(), product.kind(), request.quantity(),
                Math.multiplyExact(product.price(), (long) request.quantity()), product.currency(),
                queued ? OrderStatus.QUEUED : OrderStatus.PENDING_PAYMENT, request.buyerUserId(), request.buyerEmail(),
                product.kind() == ProductKind.MEMBERSHIP ? Math.multiplyExact(product.membershipDays(), request.quantity()) : null,
                0, now, now.plus(reservationTime(product)), null, null, null);
        if (product.kind() == ProductKind.CARD_KEY) {
            caps.requireRoom(request.holder(), product, request.quantity());
        }
        orders.insert(order, request.holder());
        if (!queued && product.kind() == ProductKind.CARD_KEY && stock.reserve(order.id(), order.sku(), order.quantity()) < order.quantity()) {
            throw new Refusal(Refusal.Reason.SOLD_OUT, "Not enough stock of '" + order.sku() + "' for " + order.quantity());
        }
        return order;
    }

    /**
     * Gives the oldest queued orders taken in at or before {@code queuedBy} their turn, at most
     * {@code limit}, in arrival order (see {@link #takeTurns(List)}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Order> takeTurnsAtHead(Instant queuedBy, int limit) {
        return takeTurnsOf(orders.lockQueuedHead(queuedBy, limit));
    }

    /**
     * Gives those of {@code orderIds} still queued their turn, in arrival order. An order already
     * past its turn, or locked by another worker taking it, is left alone: a repeated message
     * changes nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Order> takeTurns(List<String> orderIds) {
        return orderIds.isEmpty() ? List.of() : takeTurnsOf(orders.lockQueued(orderIds));
    }

    /**
     * Each locked queued order in turn reserves its keys and waits for payment from now on, or finds
     * too few and ends SOLD_OUT with none held. Returns the orders as they ended.
     */
    private List<Order> takeTurnsOf(List<Order> lockedQueued) {
        Map<String, Duration> reservationTimes = new HashMap<>();
        // Per sku, the smallest quantity this batch already found too little stock for. A later
        // order of the batch wanting as much is sold out without asking the stock again: in a sale
        // of 100 keys for 10,000 buyers, nearly every turn is one of these. A key returned by a
        // cancel in the meantime goes to the next batch, as it would to the next direct order.
        Map<String, Integer> shortOf = new HashMap<>();
        List<Order> ended = new ArrayList<>(lockedQueued.size());
        for (Order queued : lockedQueued) {
            Duration reservation = reservationTimes.computeIfAbsent(queued.sku(), sku -> reservationTime(catalog.find(sku).orElseThrow()));
            boolean knownShort = queued.quantity() >= shortOf.getOrDefault(queued.sku(), Integer.MAX_VALUE);
            Order turned = takeTurn(queued, reservation, knownShort);
            if (turned.status() == OrderStatus.SOLD_OUT) {
                shortOf.merge(queued.sku(), queued.quantity(), Math::min);
            }
            ended.add(turned);
        }
        return ended;
    }

    private Order takeTurn(Order queued, Duration reservation, boolean knownShort) {
        Instant now = now();
        int reserved = knownShort ? 0 : stock.reserve(queued.id(), queued.sku(), queued.quantity());
        boolean changed;
        if (reserved == queued.quantity()) {
            changed = orders.reserved(queued.id(), now, now.plus(reservation));
        } else {
            // Fewer keys than ordered: whatever was taken goes back, and the order holds none.
            if (reserved > 0) {
                stock.release(queued.id());
            }
            changed = orders.soldOut(queued.id(), now);
        }
        if (!changed) {
            throw new IllegalStateException("Queued order " + queued.id() + " changed under its row lock");
        }
        return orders.find(queued.id()).orElseThrow();
    }

    /** The product's own reservation time, else the flash-sale default for a flash sale, else the shop's. */
    private Duration reservationTime(Product product) {
        if (product.limits().reservationSeconds() != null) {
            return Duration.ofSeconds(product.limits().reservationSeconds());
        }
        return product.limits().flashSale() ? flashSaleExpiry : expiry;
    }

    /** A membership order that could never be delivered is refused before the buyer pays for it. */
    private void requireGrantable(String userId, int days) {
        if (userId == null) {
            throw new Refusal(Refusal.Reason.INVALID_REQUEST, "buyer.userId: required for a membership product");
        }
        if (!memberships.withinExpiryHorizon(userId, days)) {
            throw new Refusal(Refusal.Reason.MEMBERSHIP_EXPIRY_LIMIT, "This order's " + days + " days would carry the membership of '"
                    + userId + "' past the furthest expiry granted (" + MembershipGrants.EXPIRY_HORIZON_DAYS + " days from now)");
        }
    }

    public Optional<Order> find(String orderId) {
        return orders.find(orderId);
    }

    /** Locks the order row for the rest of the transaction; refuses an unknown order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order lock(String orderId) {
        return orders.lock(orderId).orElseThrow(() -> notFound(orderId));
    }

    /** Locks an order that a payment may be opened for: waiting for payment and not past its expiry. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order lockPayable(String orderId) {
        Order order = lock(orderId);
        if (order.status().paid()) {
            throw new Refusal(Refusal.Reason.ORDER_ALREADY_PAID, "Order '" + orderId + "' is already paid");
        }
        if (order.status().on(OrderEvent.PAY).isEmpty() || !now().isBefore(order.expiresAt())) {
            throw new Refusal(Refusal.Reason.ORDER_NOT_PAYABLE, "Order '" + orderId + "' is "
                    + (order.status() == OrderStatus.PENDING_PAYMENT ? "past its expiry" : order.status()));
        }
        return order;
    }

    /**
     * The buyer paid: the order goes PAID, in the caller's transaction, which also books the
     * charge and then delivers ({@link #deliver}). Empty when the order was no longer waiting for
     * payment (closed).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Order> markPaid(String orderId, Instant paidAt) {
        return orders.markPaid(orderId, paidAt);
    }

    /**
     * Hands a paid order's goods over and marks it DELIVERED, in the transaction that marked it
     * paid: the money and the goods change hands together. False, with nothing written, when the
     * goods cannot be handed over (a membership the buyer's other orders carried to the expiry
     * limit since this one was created): the order stays PAID.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean deliver(Order paid, Instant at) {
        if (paid.kind() == ProductKind.CARD_KEY) {
            int delivered = stock.deliver(paid.id());
            if (delivered != paid.quantity()) {
                throw new IllegalStateException("Order " + paid.id() + " had " + delivered + " reserved keys, expected " + paid.quantity());
            }
        } else {
            switch (memberships.grantForOrder(paid.buyerUserId(), paid.id(), paid.membershipDays())) {
                case OrderGrant.Granted granted -> orders.recordMemberExpiry(paid.id(), granted.memberExpiresAt());
                case OrderGrant.PastExpiryLimit past -> {
                    return false;
                }
            }
        }
        if (!orders.markDelivered(paid.id(), at)) {
            throw new IllegalStateException("Order " + paid.id() + " was marked PAID in this transaction but is no longer PAID");
        }
        return true;
    }

    /**
     * Cancel or expiry of a locked order: closes it and returns its keys to stock. A repeat of the
     * same close answers the closed order; any other status refuses {@code ORDER_NOT_CANCELLABLE}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order close(Order locked, OrderEvent event) {
        if (locked.status().on(event).isEmpty()) {
            if (OrderStatus.PENDING_PAYMENT.on(event).orElseThrow() == locked.status()) {
                return locked;
            }
            throw new Refusal(Refusal.Reason.ORDER_NOT_CANCELLABLE, "Order '" + locked.id() + "' is " + locked.status());
        }
        if (!orders.close(locked.id(), locked.status(), event, now())) {
            throw new IllegalStateException("Order " + locked.id() + " changed under its row lock");
        }
        stock.release(locked.id());
        return orders.find(locked.id()).orElseThrow();
    }

    /**
     * Locks a paid order and sets {@code amount} aside for a refund, so refunds in flight together
     * never pass the paid amount.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order reserveRefund(String orderId, long amount) {
        Order order = lock(orderId);
        if (!order.status().paid()) {
            throw new Refusal(Refusal.Reason.ORDER_NOT_REFUNDABLE, "Order '" + orderId + "' is " + order.status() + ", not paid");
        }
        if (!orders.reserveRefund(orderId, amount)) {
            throw new Refusal(Refusal.Reason.REFUND_EXCEEDS_PAID, "Refunds of order '" + orderId + "' would exceed the paid amount ("
                    + order.amount() + " " + order.currency() + ", " + order.refundedAmount() + " already refunded or in progress)");
        }
        return order;
    }

    /** Gives back an amount set aside for a refund the channel declined. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseRefund(String orderId, long amount) {
        lock(orderId);
        orders.releaseRefund(orderId, amount);
    }

    /** A refund went back to the buyer: PARTIALLY_REFUNDED, or REFUNDED once the refunds reach the paid amount. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordRefunded(String orderId, long refundedTotal) {
        Order order = lock(orderId);
        OrderEvent event = refundedTotal == order.amount() ? OrderEvent.REFUND_ALL : OrderEvent.REFUND_PART;
        if (!orders.refunded(orderId, order.status(), event)) {
            throw new IllegalStateException("Order " + orderId + " changed under its row lock");
        }
    }

    /** Orders whose payment window passed, oldest first, but for those {@code job} is backing off from. */
    public List<String> expiredBefore(Instant now, int limit, String job) {
        return orders.expiredBefore(now, limit, job);
    }

    /** Units held by a caller's unpaid card-key orders from one client address; {@code holder} null for orders from before V9. */
    public record HeldUnits(String holder, String clientIp, long units, long orders, Instant oldestReservedAt) {
    }

    /** The callers holding the most units in unpaid orders, biggest first. */
    public List<HeldUnits> biggestHolders(int limit) {
        return orders.biggestHolders(limit);
    }

    /** Ids of the unpaid card-key orders of a caller, or else of a client address, oldest first. */
    public List<String> unpaidOf(String holder, String clientIp, int limit) {
        return orders.unpaidOf(holder, clientIp, limit);
    }

    public static Refusal notFound(String orderId) {
        return new Refusal(Refusal.Reason.ORDER_NOT_FOUND, "No order '" + orderId + "'");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
