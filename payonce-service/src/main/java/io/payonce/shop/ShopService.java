package io.payonce.shop;

import java.util.List;
import java.util.Map;

import io.payonce.cardkeys.CardKeyStock;
import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.idempotency.IdempotencyContext;
import io.payonce.idempotency.IdempotentExecutor;
import io.payonce.idempotency.StoredResponse;
import io.payonce.orders.Order;
import io.payonce.orders.OrderRepository;
import io.payonce.orders.OrderService;
import io.payonce.payments.OrderClosing;
import io.payonce.payments.Payment;
import io.payonce.payments.PaymentService;
import io.payonce.payments.PaymentStatus;
import io.payonce.payments.Refund;
import io.payonce.payments.RefundService;
import io.payonce.products.ProductKind;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shop's use cases, one method each. Transactions begin here; gateway calls happen between
 * them; each final answer is stored in the transaction of the last side effect it reports.
 */
@Service
class ShopService {

    static final String PAYMENT_OPENED = "payment_opened";
    static final String REFUND_OPENED = "refund_opened";

    private final OrderService orderService;
    private final OrderRepository orders;
    private final PaymentService payments;
    private final RefundService refunds;
    private final OrderClosing closing;
    private final CardKeyStock stock;
    private final IdempotentExecutor idempotency;
    private final TransactionTemplate transactions;

    ShopService(OrderService orderService, OrderRepository orders, PaymentService payments, RefundService refunds,
                OrderClosing closing, CardKeyStock stock, IdempotentExecutor idempotency, TransactionTemplate transactions) {
        this.orderService = orderService;
        this.orders = orders;
        this.payments = payments;
        this.refunds = refunds;
        this.closing = closing;
        this.stock = stock;
        this.idempotency = idempotency;
        this.transactions = transactions;
    }

    StoredResponse createOrder(OrderService.NewOrder request, IdempotencyContext context) {
        return transactions.execute(tx -> {
            Order order = orderService.create(request);
            return context.complete(idempotency.json(201, OrderView.of(order, List.of(), List.of(), null)));
        });
    }

    OrderView getOrder(String orderId) {
        Order order = orders.find(orderId).orElseThrow(() -> orderNotFound(orderId));
        return OrderView.of(order, payments.ofOrder(orderId), refunds.ofOrder(orderId), delivery(order));
    }

    /** Opens a payment attempt and its gateway trade; a resumed attempt finds its trade again. */
    StoredResponse pay(String orderId, String channelName, IdempotencyContext context) {
        Payment payment;
        if (PAYMENT_OPENED.equals(context.recoveryPoint())) {
            payment = payments.find(context.recoveryRef());
            if (payment.status() != PaymentStatus.PENDING || payment.tradeNo() != null) {
                return transactions.execute(tx -> context.complete(paymentAnswer(payment)));
            }
        } else {
            PaymentService.Opened opened = transactions.execute(tx -> {
                PaymentService.Opened result = payments.open(orderId, channelName);
                if (result instanceof PaymentService.Opened.Fresh fresh) {
                    context.checkpoint(PAYMENT_OPENED, fresh.payment().id());
                }
                return result;
            });
            if (opened instanceof PaymentService.Opened.Existing existing) {
                return transactions.execute(tx -> context.complete(paymentAnswer(existing.payment())));
            }
            payment = ((PaymentService.Opened.Fresh) opened).payment();
        }
        TradeOutcome outcome = payments.openTrade(payment, payment.orderId());
        Payment recorded = transactions.execute(tx -> payments.recordTrade(payment, outcome));
        if (outcome instanceof TradeOutcome.Created && recorded.status() == PaymentStatus.FAILED) {
            // A cancel or expiry closed this attempt while its trade was being opened: the trade
            // it could not see must not stay payable for an order that is gone.
            payments.channel(recorded.channel()).closeTrade(recorded.id());
        }
        return transactions.execute(tx -> context.complete(paymentAnswer(recorded)));
    }

    private StoredResponse paymentAnswer(Payment payment) {
        if (payment.status() == PaymentStatus.FAILED) {
            return idempotency.problem(new ApiException(ErrorCode.PAYMENT_DECLINED,
                    "The " + payment.channel() + " gateway declined the payment; the order can be paid again",
                    Map.of("paymentId", payment.id(), "orderId", payment.orderId())));
        }
        return idempotency.json(201, OrderView.PaymentView.of(payment));
    }

    StoredResponse cancel(String orderId) {
        Order order = closing.cancel(orderId);
        return idempotency.json(200, OrderView.of(order, payments.ofOrder(orderId), refunds.ofOrder(orderId), null));
    }

    /** Refunds part or all of a paid order through its channel. */
    StoredResponse refund(String orderId, long amount, IdempotencyContext context) {
        Refund refund = REFUND_OPENED.equals(context.recoveryPoint())
                ? refunds.find(context.recoveryRef())
                : transactions.execute(tx -> {
                    Refund opened = refunds.open(orderId, amount);
                    context.checkpoint(REFUND_OPENED, opened.id());
                    return opened;
                });
        if (!"PENDING".equals(refund.status()) && !"UNKNOWN".equals(refund.status())) {
            return transactions.execute(tx -> context.complete(refundAnswer(refund)));
        }
        PaymentChannel.RefundOutcome outcome = refunds.ask(refund);
        return transactions.execute(tx -> context.complete(refundAnswer(refunds.record(refund, outcome))));
    }

    private StoredResponse refundAnswer(Refund refund) {
        if ("FAILED".equals(refund.status())) {
            return idempotency.problem(new ApiException(ErrorCode.REFUND_DECLINED, "The channel declined the refund",
                    Map.of("refundId", refund.id(), "orderId", refund.orderId())));
        }
        return idempotency.json(201, OrderView.RefundView.of(refund));
    }

    private OrderView.Delivery delivery(Order order) {
        if (order.deliveredAt() == null) {
            return null;
        }
        return order.kind() == ProductKind.CARD_KEY
                ? new OrderView.Delivery(stock.deliveredCodes(order.id()), null)
                : new OrderView.Delivery(null, order.memberExpiresAt());
    }

    static ApiException orderNotFound(String orderId) {
        return new ApiException(ErrorCode.ORDER_NOT_FOUND, "No order '" + orderId + "'");
    }
}
