package io.payonce.orders;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order lifecycle, written down once. {@link #on(OrderEvent)} is the only place that says
 * which change of state an event may make; every write goes through it and through a
 * conditional UPDATE on the status it read, whose status list is taken from here.
 */
public enum OrderStatus {
    /** A queued product's order, taken in but with no stock yet: the intake worker reserves it (RESERVE) or finds none (SELL_OUT). */
    QUEUED,
    PENDING_PAYMENT, PAID, DELIVERED, CANCELLED, EXPIRED, PARTIALLY_REFUNDED, REFUNDED,
    /** A queued order that found no stock when its turn came: final, nothing was reserved or paid. */
    SOLD_OUT;

    private static final Map<OrderStatus, Map<OrderEvent, OrderStatus>> TRANSITIONS = Map.of(
            QUEUED, Map.of(
                    OrderEvent.RESERVE, PENDING_PAYMENT,
                    OrderEvent.SELL_OUT, SOLD_OUT),
            PENDING_PAYMENT, Map.of(
                    OrderEvent.PAY, PAID,
                    OrderEvent.CANCEL, CANCELLED,
                    OrderEvent.EXPIRE, EXPIRED),
            PAID, Map.of(
                    OrderEvent.DELIVER, DELIVERED,
                    OrderEvent.REFUND_PART, PARTIALLY_REFUNDED,
                    OrderEvent.REFUND_ALL, REFUNDED),
            DELIVERED, Map.of(
                    OrderEvent.REFUND_PART, PARTIALLY_REFUNDED,
                    OrderEvent.REFUND_ALL, REFUNDED),
            PARTIALLY_REFUNDED, Map.of(
                    OrderEvent.REFUND_PART, PARTIALLY_REFUNDED,
                    OrderEvent.REFUND_ALL, REFUNDED),
            CANCELLED, Map.of(),
            EXPIRED, Map.of(),
            REFUNDED, Map.of(),
            SOLD_OUT, Map.of());

    /** Money was taken for the order (it may since have been refunded in part or whole): every status PAY leads to, or beyond. */
    private static final Set<OrderStatus> PAID_STATUSES = EnumSet.of(PAID, DELIVERED, PARTIALLY_REFUNDED, REFUNDED);

    /** The status this event leads to, or empty when the event is not allowed here. */
    public Optional<OrderStatus> on(OrderEvent event) {
        return Optional.ofNullable(TRANSITIONS.get(this).get(event));
    }

    /** Money was taken for the order (it may since have been refunded in part or whole). */
    public boolean paid() {
        return PAID_STATUSES.contains(this);
    }

    /** No event can change it any more. */
    public boolean terminal() {
        return TRANSITIONS.get(this).isEmpty();
    }

    /** The statuses that allow {@code event}, by name: the status list of a conditional UPDATE. */
    static List<String> allowing(OrderEvent event) {
        return Arrays.stream(values()).filter(status -> status.on(event).isPresent()).map(Enum::name).toList();
    }
}
