package io.payonce.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannel.RefundOutcome;
import io.payonce.common.Ids;
import io.payonce.common.Refusal;
import io.payonce.config.PayonceProperties;
import io.payonce.orders.Order;
import io.payonce.orders.Orders;
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

    private final Orders orders;
    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentService paymentService;
    private final Ledger ledger;
    private final MoneyExceptions moneyExceptions;
    private final OrderEvents events;
    private final Duration lease;
    private final Clock clock;

    RefundService(Orders orders, PaymentRepository payments, RefundRepository refunds, PaymentService paymentService,
                  Ledger ledger, MoneyExceptions moneyExceptions, OrderEvents events, PayonceProperties properties, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.refunds = refunds;
        this.paymentService = paymentService;
        this.ledger = ledger;
        this.moneyExceptions = moneyExceptions;
        this.events = events;
        this.lease = properties.idempotency().lease();
        this.clock = clock;
    }

    /** Phase 1: sets the amount aside on the locked order and records a PENDING refund. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Refund open(String orderId, long amount) {
        Order order = orders.reserveRefund(orderId, amount);
        Payment paid = payments.findHoldingOrder(orderId)
                .filter(p -> p.status() == PaymentStatus.SUCCEEDED)
                .orElseThrow(() -> new IllegalStateException("Paid order " + orderId + " has no succeeded payment"));
        Instant now = now();
        Refund refund = new Refund(Ids.next("ref"), orderId, paid.id(), amount, order.currency(), RefundStatus.PENDING, now);
        // The refund's own request holds its Idempotency-Key for a lease; the janitor asks only after that.
        refunds.insert(refund, now.plus(lease));
        return refund;
    }

    /** Phase 2: asks the channel; idempotent per refundId, so a resumed refund cannot pay out twice. */
    public RefundOutcome ask(Refund refund) {
        Payment payment = paymentService.find(refund.paymentId());
        return paymentService.channel(payment.channel()).refund(
                new PaymentChannel.RefundRequest(payment.id(), refund.id(), refund.amount(), refund.currency()));
    }

    /** The janitor's question: what became of a refund whose answer was lost. Outside any transaction. */
    public PaymentChannel.RefundQuery query(Refund refund) {
        Payment payment = paymentService.find(refund.paymentId());
        return paymentService.channel(payment.channel()).queryRefund(payment.id(), refund.id());
    }

    /**
     * Phase 3: books a refund the channel confirmed, or gives the amount back when it declined.
     * The order is locked first, as in every transaction that writes an order and its refunds. A
     * refusal after the amount was set aside is a money exception, recorded in the same
     * transaction: the buyer asked for money back and has not had it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Refund record(Refund refund, RefundOutcome outcome) {
        Instant now = now();
        return switch (outcome) {
            case RefundOutcome.Succeeded succeeded -> {
                orders.lock(refund.orderId());
                if (refunds.settle(refund.id(), RefundStatus.Event.SUCCEED, succeeded.channelRefundNo(), now)) {
                    ledger.refund(refund, now);
                    orders.recordRefunded(refund.orderId(), refunds.succeededTotal(refund.orderId()));
                    events.refunded(orders.find(refund.orderId()).orElseThrow(), refund);
                }
                yield find(refund.id());
            }
            case RefundOutcome.Failed failed -> {
                orders.lock(refund.orderId());
                if (refunds.settle(refund.id(), RefundStatus.Event.FAIL, null, now)) {
                    orders.releaseRefund(refund.orderId(), refund.amount());
                    moneyExceptions.record(MoneyException.Kind.REFUND_REFUSED, refund.id(), payments.find(refund.paymentId()).orElseThrow(),
                            refund.amount(), "The gateway refused refund " + refund.id() + ": " + failed.reason());
                }
                yield find(refund.id());
            }
            case RefundOutcome.Unknown unknown -> throw new Refusal(Refusal.Reason.CHANNEL_UNAVAILABLE,
                    "The channel did not confirm the refund; retry with the same Idempotency-Key");
        };
    }

    public Refund find(String refundId) {
        return refunds.find(refundId).orElseThrow(() -> new IllegalStateException("Refund " + refundId + " vanished"));
    }

    public List<Refund> ofOrder(String orderId) {
        return refunds.ofOrder(orderId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
