package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.payonce.cardkeys.CardKeyStock;
import io.payonce.channels.PaymentChannel.CloseOutcome;
import io.payonce.orders.Order;
import io.payonce.orders.OrderEvent;
import io.payonce.orders.OrderRepository;
import io.payonce.orders.OrderStatus;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
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

    private final OrderRepository orders;
    private final PaymentRepository payments;
    private final PaymentService paymentService;
    private final Settlement settlement;
    private final CardKeyStock stock;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OrderClosing(OrderRepository orders, PaymentRepository payments, PaymentService paymentService, Settlement settlement,
                 CardKeyStock stock, TransactionTemplate transactions, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.paymentService = paymentService;
        this.settlement = settlement;
        this.stock = stock;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What closing found: the order closed now or before, or the reason it cannot be. */
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
        throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The order's payment could not be settled; retry shortly");
    }

    private Step closeIfNoLivePayment(String orderId, OrderEvent event) {
        Order order = orders.lock(orderId)
                .orElseThrow(() -> new ApiException(ErrorCode.ORDER_NOT_FOUND, "No order '" + orderId + "'"));
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            return new Step.Done(alreadyClosed(order, event));
        }
        Optional<Payment> live = payments.findLiveOrSucceeded(orderId);
        if (live.isPresent()) {
            return new Step.CloseTrade(live.get());
        }
        Instant now = clock.instant();
        orders.close(orderId, event, now);
        stock.release(orderId);
        return new Step.Done(orders.find(orderId).orElseThrow());
    }

    private static Order alreadyClosed(Order order, OrderEvent event) {
        boolean sameOutcome = order.status() == OrderStatus.PENDING_PAYMENT.on(event).orElseThrow();
        if (sameOutcome) {
            return order;
        }
        throw new ApiException(ErrorCode.ORDER_NOT_CANCELLABLE, "Order '" + order.id() + "' is " + order.status());
    }

    private void closeGatewayTrade(Payment payment) {
        CloseOutcome outcome = paymentService.channel(payment.channel()).closeTrade(payment.id());
        switch (outcome) {
            case CloseOutcome.Closed closed -> settlement.applyClosed(payment.channel(), payment.id());
            case CloseOutcome.NotFound notFound -> settlement.applyClosed(payment.channel(), payment.id());
            case CloseOutcome.AlreadyPaid paid ->
                    settlement.applyPaid(payment.channel(), payment.id(), paid.tradeNo(), paid.amount(), paid.currency());
            case CloseOutcome.Unknown unknown -> throw new ApiException(ErrorCode.CHANNEL_UNAVAILABLE,
                    "The " + payment.channel() + " gateway did not confirm closing the trade; retry shortly");
        }
    }
}
