package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannel.RefundOutcome;
import io.payonce.common.Ids;
import io.payonce.orders.Order;
import io.payonce.orders.OrderRepository;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refunds, in the same atomic phases as payments: set the amount aside (the order's
 * refunded_amount, bounded by a CHECK constraint), ask the channel, book the answer. Nothing goes
 * back to stock: the keys were delivered.
 */
@Service
public class RefundService {

    /** Larger than any price times the largest quantity; bounds the arithmetic. */
    public static final long AMOUNT_MAX = 1_000_000_000_000L;

    private final OrderRepository orders;
    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentService paymentService;
    private final Ledger ledger;
    private final Clock clock;

    RefundService(OrderRepository orders, PaymentRepository payments, RefundRepository refunds, PaymentService paymentService,
                  Ledger ledger, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.refunds = refunds;
        this.paymentService = paymentService;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Phase 1: sets the amount aside and records a PENDING refund. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Refund open(String orderId, long amount) {
        Order order = orders.lock(orderId)
                .orElseThrow(() -> new ApiException(ErrorCode.ORDER_NOT_FOUND, "No order '" + orderId + "'"));
        if (!order.status().paid()) {
            throw new ApiException(ErrorCode.ORDER_NOT_REFUNDABLE, "Order '" + orderId + "' is " + order.status() + ", not paid");
        }
        if (!orders.reserveRefund(orderId, amount)) {
            throw new ApiException(ErrorCode.REFUND_EXCEEDS_PAID, "Refunds of order '" + orderId + "' would exceed the paid amount ("
                    + order.amount() + " " + order.currency() + ", " + order.refundedAmount() + " already refunded or in progress)");
        }
        Payment paid = payments.findLiveOrSucceeded(orderId)
                .filter(p -> p.status() == PaymentStatus.SUCCEEDED)
                .orElseThrow(() -> new IllegalStateException("Paid order " + orderId + " has no succeeded payment"));
        Refund refund = new Refund(Ids.next("ref"), orderId, paid.id(), amount, order.currency(), "PENDING", now());
        refunds.insert(refund);
        return refund;
    }

    /** Phase 2: asks the channel; idempotent per refundId, so a resumed refund cannot pay out twice. */
    public RefundOutcome ask(Refund refund) {
        Payment payment = paymentService.find(refund.paymentId());
        return paymentService.channel(payment.channel()).refund(
                new PaymentChannel.RefundRequest(payment.id(), refund.id(), refund.amount(), refund.currency()));
    }

    /** Phase 3: books a refund the channel confirmed, or gives the amount back when it declined. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Refund record(Refund refund, RefundOutcome outcome) {
        Instant now = now();
        return switch (outcome) {
            case RefundOutcome.Succeeded succeeded -> succeed(refund, succeeded.channelRefundNo(), now);
            case RefundOutcome.Failed failed -> {
                if (refunds.settle(refund.id(), "FAILED", null, now)) {
                    orders.releaseRefund(refund.orderId(), refund.amount());
                }
                yield refunds.find(refund.id()).orElseThrow();
            }
            case RefundOutcome.Unknown unknown -> throw new ApiException(ErrorCode.CHANNEL_UNAVAILABLE,
                    "The channel did not confirm the refund; retry with the same Idempotency-Key");
        };
    }

    private Refund succeed(Refund refund, String channelRefundNo, Instant now) {
        Order order = orders.lock(refund.orderId()).orElseThrow();
        if (refunds.settle(refund.id(), "SUCCEEDED", channelRefundNo, now)) {
            ledger.refund(refund, now);
            boolean all = refunds.succeededTotal(order.id()) == order.amount();
            orders.markRefunded(order.id(), order.status(), all);
        }
        return refunds.find(refund.id()).orElseThrow();
    }

    public Refund find(String refundId) {
        return refunds.find(refundId).orElseThrow(() -> new IllegalStateException("Refund " + refundId + " vanished"));
    }

    public java.util.List<Refund> ofOrder(String orderId) {
        return refunds.ofOrder(orderId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
