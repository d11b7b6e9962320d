package io.payonce.payments;

import java.util.Optional;

import io.payonce.channels.PaymentChannel.CloseOutcome;
import io.payonce.common.Refusal;
import io.payonce.orders.Order;
import io.payonce.orders.OrderEvent;
import io.payonce.orders.Orders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancel and expiry. An order with a live payment is closed only after its gateway trade is
 * closed: otherwise the buyer could still pay for goods that went back to stock. If the buyer
 * paid first, the payment is applied instead and the order is not closed.
 */
@Service
public class OrderClosing {

    /** Close-then-recheck rounds; more than one live attempt in a row would be a bug. */
    private static final int ROUNDS_MAX = 3;

    private final Orders orders;
    private final PaymentRepository payments;
    private final PaymentService paymentService;
    private final Settlement settlement;
    private final OrderEvents events;
    private final TransactionTemplate transactions;

    OrderClosing(Orders orders, PaymentRepository payments, PaymentService paymentService, Settlement settlement,
                 OrderEvents events, TransactionTemplate transactions) {
        this.orders = orders;
        this.payments = payments;
        this.paymentService = paymentService;
        this.settlement = settlement;
        this.events = events;
        this.transactions = transactions;
    }

    /** What one round found: the order closed (now or before), or a live trade to close first. */
    private sealed interface Step {
        record Done(Order order) implements Step {
        }

        record CloseTrade(Payment payment) implements Step {
        }
    }

    /** The buyer's cancel; a cancelled order cancels again as a no-op. */
    public Order cancel(String orderId) {
        return close(orderId, OrderEvent.CANCEL);
    }

    /** The expiry job's close of an order whose payment window passed. */
    public Order expire(String orderId) {
        return close(orderId, OrderEvent.EXPIRE);
    }

    private Order close(String orderId, OrderEvent event) {
        for (int round = 0; round < ROUNDS_MAX; round++) {
            Step step = transactions.execute(tx -> closeIfNoLivePayment(orderId, event));
            switch (step) {
                case Step.Done done -> {
                    return done.order();
                }
                case Step.CloseTrade closeTrade -> closeGatewayTrade(closeTrade.payment());
            }
        }
        throw new Refusal(Refusal.Reason.BUSY, "The order's payment could not be settled; retry shortly");
    }

    private Step closeIfNoLivePayment(String orderId, OrderEvent event) {
        Order order = orders.lock(orderId);
        if (order.status().on(event).isPresent()) {
            Optional<Payment> live = payments.findHoldingOrder(orderId);
            if (live.isPresent()) {
                return new Step.CloseTrade(live.get());
            }
        }
        boolean closesNow = order.status().on(event).isPresent();
        Order closed = orders.close(order, event);
        if (closesNow && event == OrderEvent.EXPIRE) {
            events.expired(closed);
        }
        return new Step.Done(closed);
    }

    /** Closes the trade at the gateway (outside any transaction), then applies what it said in one. */
    private void closeGatewayTrade(Payment payment) {
        switch (paymentService.channel(payment.channel()).closeTrade(payment.id())) {
            case CloseOutcome.Closed closed -> transactions.execute(tx -> settlement.applyClosed(payment.channel(), payment.id()));
            case CloseOutcome.NotFound notFound -> transactions.execute(tx -> settlement.applyClosed(payment.channel(), payment.id()));
            case CloseOutcome.AlreadyPaid paid -> transactions.execute(tx ->
                    settlement.applyPaid(payment.channel(), payment.id(), paid.tradeNo(), paid.amount(), paid.currency()));
            case CloseOutcome.Unknown unknown -> throw new Refusal(Refusal.Reason.CHANNEL_UNAVAILABLE,
                    "The " + payment.channel() + " gateway did not confirm closing the trade; retry shortly");
        }
    }
}
