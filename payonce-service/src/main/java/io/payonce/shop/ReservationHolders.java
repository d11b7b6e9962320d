package io.payonce.shop;

import java.util.List;

import io.payonce.common.Refusal;
import io.payonce.orders.Order;
import io.payonce.orders.OrderStatus;
import io.payonce.orders.Orders;
import io.payonce.payments.OrderClosing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The shop owner's view of stock held by unpaid orders (issue 13): who holds the most, and
 * cancelling all of one holder's unpaid orders, which returns their keys to stock at once. Each
 * order is cancelled the way its buyer would cancel it ({@link OrderClosing}: one transaction per
 * order, its live trade closed at the gateway first), so a payment that wins the race is kept.
 */
@Service
public class ReservationHolders {

    /** Holders listed at most: enough to see every hoarder at once, small enough for one page. */
    public static final int LIST_MAX = 200;
    /**
     * Orders cancelled by one call at most: a holder is capped far below this (the caps are in
     * units), so one call clears any capped holder; an uncapped one is cleared by calling again.
     */
    static final int CANCEL_MAX = 1_000;
    private static final Logger log = LoggerFactory.getLogger(ReservationHolders.class);

    private final Orders orders;
    private final OrderClosing closing;

    ReservationHolders(Orders orders, OrderClosing closing) {
        this.orders = orders;
        this.closing = closing;
    }

    /** What cancelling a holder's orders did: orders and units cancelled, and orders left as they were (paid meanwhile, gateway down). */
    public record Cancelled(int orders, long units, int skipped) {
    }

    public List<Orders.HeldUnits> biggest(int limit) {
        return orders.biggestHolders(Math.clamp(limit, 1, LIST_MAX));
    }

    /** Cancels the unpaid card-key orders of a caller ({@code holder}) or, when it is null, of a client address. */
    public Cancelled cancelAll(String holder, String clientIp) {
        int cancelled = 0;
        long units = 0;
        int skipped = 0;
        for (String orderId : orders.unpaidOf(holder, clientIp, CANCEL_MAX)) {
            try {
                Order closed = closing.cancel(orderId);
                if (closed.status() == OrderStatus.CANCELLED) {
                    cancelled++;
                    units += closed.quantity();
                } else {
                    skipped++;
                }
            } catch (Refusal refusal) {
                // Paid, expired or its gateway unreachable since it was listed: leave it, cancel the rest.
                log.info("Order {} of holder {} not cancelled: {}", orderId, holder != null ? holder : clientIp, refusal.getMessage());
                skipped++;
            }
        }
        return new Cancelled(cancelled, units, skipped);
    }
}
