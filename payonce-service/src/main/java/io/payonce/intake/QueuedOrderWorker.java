package io.payonce.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.orders.Order;
import io.payonce.orders.OrderStatus;
import io.payonce.orders.Orders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives queued orders their turn: each batch is one transaction that locks the orders, reserves
 * their stock in arrival order and moves each to PENDING_PAYMENT or SOLD_OUT. Whoever calls it (the
 * PostgreSQL poller, the RabbitMQ consumer) acknowledges its work only once this has returned, so
 * after the commit; a repeat finds the orders no longer queued and changes nothing.
 */
@Service
public class QueuedOrderWorker {

    private final Orders orders;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int batchMax;
    private final Counter reserved;
    private final Counter soldOut;

    QueuedOrderWorker(Orders orders, TransactionTemplate transactions, Clock clock, IntakeProperties properties,
                      MeterRegistry meters) {
        this.orders = orders;
        this.transactions = transactions;
        this.clock = clock;
        this.batchMax = properties.batchMax();
        this.reserved = turns(meters, OrderStatus.PENDING_PAYMENT);
        this.soldOut = turns(meters, OrderStatus.SOLD_OUT);
    }

    /** The oldest orders queued at least {@code minAge} ago, one batch; returns how many took their turn. */
    public int takeHead(Duration minAge) {
        return counted(transactions.execute(tx -> orders.takeTurnsAtHead(clock.instant().minus(minAge), batchMax)));
    }

    /** Those of {@code orderIds} still queued (at most one batch's worth); returns how many took their turn. */
    public int take(List<String> orderIds) {
        if (orderIds.size() > batchMax) {
            throw new IllegalArgumentException(orderIds.size() + " orders in one batch, at most " + batchMax);
        }
        return counted(transactions.execute(tx -> orders.takeTurns(orderIds)));
    }

    /** Orders taken in one transaction at most (payonce.intake.batch-max). */
    public int batchMax() {
        return batchMax;
    }

    private int counted(List<Order> ended) {
        for (Order order : ended) {
            (order.status() == OrderStatus.SOLD_OUT ? soldOut : reserved).increment();
        }
        return ended.size();
    }

    private static Counter turns(MeterRegistry meters, OrderStatus outcome) {
        return Counter.builder("payonce.intake.turns").description("Queued orders that took their turn, by how they ended")
                .tag("outcome", outcome.name()).register(meters);
    }
}
