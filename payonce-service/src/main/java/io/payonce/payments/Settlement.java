package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.payonce.orders.Order;
import io.payonce.orders.Orders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies what the gateway says happened to a payment: the one path through which money is
 * booked and goods are handed over, used by notifications, the janitor and closing alike. Applying
 * the same fact twice changes nothing the second time. Runs in the caller's transaction.
 */
@Service
public class Settlement {

    static final String TRADE_CLOSED = "trade_closed";

    /** How a gateway fact was received. */
    public enum Outcome {
        /** It changed the payment (and the order) now. */
        APPLIED,
        /** It had been applied before: a repeat. */
        ALREADY_APPLIED,
        /** It is true but changes nothing (a late notification that would move a final state back). */
        IGNORED,
        /** It does not match payonce's payment (unknown trade, other amount or currency). */
        REJECTED
    }

    /** The outcome and, for REJECTED and IGNORED, why. */
    public record Result(Outcome outcome, String reason) {
        public boolean acknowledged() {
            return outcome != Outcome.REJECTED;
        }

        static Result unknownTrade() {
            return new Result(Outcome.REJECTED, "unknown trade");
        }
    }

    private final PaymentRepository payments;
    private final Orders orders;
    private final Ledger ledger;
    private final UndeliveredOrders undelivered;
    private final MoneyExceptions moneyExceptions;
    private final OrderEvents events;
    private final Clock clock;

    Settlement(PaymentRepository payments, Orders orders, Ledger ledger, UndeliveredOrders undelivered,
               MoneyExceptions moneyExceptions, OrderEvents events, Clock clock) {
        this.payments = payments;
        this.orders = orders;
        this.ledger = ledger;
        this.undelivered = undelivered;
        this.moneyExceptions = moneyExceptions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The buyer paid: the payment succeeds, the charge is booked, and the order goes PAID then
     * DELIVERED with its goods. The order row is locked before the payment's, the one lock order
     * of every transaction that writes both, so this cannot deadlock with a payment request. Goods
     * that cannot be handed over (a membership past its expiry limit) leave the order PAID and
     * recorded in undelivered_orders for a refund; the notification is still acknowledged.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Result applyPaid(String channel, String paymentId, String tradeNo, long amount, String currency) {
        Optional<Payment> known = payments.find(paymentId).filter(p -> p.channel().equals(channel));
        if (known.isEmpty()) {
            return Result.unknownTrade();
        }
        orders.lock(known.get().orderId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Payment> succeeded = payments.markSucceeded(paymentId, channel, tradeNo, amount, currency, now);
        if (succeeded.isEmpty()) {
            return whyPaidDidNotApply(paymentId, tradeNo, amount, currency);
        }
        Payment payment = succeeded.get();
        ledger.charge(payment, now);
        Optional<Order> order = orders.markPaid(payment.orderId(), now);
        if (order.isEmpty()) {
            // Cancel and expiry close the gateway trade before closing the order, so this means the
            // gateway took money for a closed trade. Keep the charge booked (money did move) and
            // record it, in this transaction, for payonce to refund.
            moneyExceptions.record(MoneyException.Kind.CHARGE_ON_CLOSED_ORDER, paymentId, payment, payment.amount(),
                    "The gateway took the charge (trade " + tradeNo + ") after the order was closed");
            return new Result(Outcome.APPLIED, "order already closed");
        }
        events.paid(order.get(), payment);
        if (!orders.deliver(order.get(), now)) {
            // Acknowledged all the same: the money did move, and refusing the notification would
            // only make the gateway repeat it forever. The order stays PAID, recorded for a refund.
            undelivered.record(payment.orderId(), payment.id(), UndeliveredOrders.Reason.MEMBERSHIP_EXPIRY_LIMIT, now);
            return new Result(Outcome.APPLIED, "paid but not deliverable");
        }
        events.delivered(orders.find(payment.orderId()).orElseThrow());
        return new Result(Outcome.APPLIED, null);
    }

    /** The gateway closed the trade unpaid: the attempt fails, the order stays payable. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Result applyClosed(String channel, String paymentId) {
        Optional<Payment> known = payments.find(paymentId).filter(p -> p.channel().equals(channel));
        if (known.isEmpty()) {
            return Result.unknownTrade();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Payment> failed = payments.transition(paymentId, PaymentStatus.allowingStatuses(PaymentStatus.Event.FAIL),
                PaymentStatus.Event.FAIL, TRADE_CLOSED, now);
        if (failed.isPresent()) {
            return new Result(Outcome.APPLIED, null);
        }
        PaymentStatus status = payments.find(paymentId).orElseThrow().status();
        return status == PaymentStatus.FAILED
                ? new Result(Outcome.ALREADY_APPLIED, null)
                : new Result(Outcome.IGNORED, "payment already " + status);
    }

    /** A notification that needs no change (the buyer has not paid yet): accepted if the trade is ours. */
    public Result knownPayment(String channel, String paymentId) {
        return payments.find(paymentId).filter(p -> p.channel().equals(channel))
                .map(p -> new Result(Outcome.IGNORED, "nothing to apply"))
                .orElse(Result.unknownTrade());
    }

    private Result whyPaidDidNotApply(String paymentId, String tradeNo, long amount, String currency) {
        Payment payment = payments.find(paymentId).orElseThrow();
        if (payment.amount() != amount || !payment.currency().equals(currency)) {
            return new Result(Outcome.REJECTED, "amount or currency mismatch");
        }
        if (payment.tradeNo() != null && !payment.tradeNo().equals(tradeNo)) {
            return new Result(Outcome.REJECTED, "trade number mismatch");
        }
        return switch (payment.status()) {
            case SUCCEEDED -> new Result(Outcome.ALREADY_APPLIED, null);
            case FAILED -> {
                // The attempt failed on the gateway's own word (closed or not found), and then the
                // gateway took the money after all (a trade opened late, a buyer faster than the
                // close). Not booked: the order may have been paid by another attempt since.
                // Recorded in this transaction, for payonce to refund.
                moneyExceptions.record(MoneyException.Kind.CHARGE_ON_FAILED_PAYMENT, paymentId, payment, amount,
                        "The gateway took the charge (trade " + tradeNo + ") on an attempt payonce had failed ("
                                + payment.failureCode() + ")");
                yield new Result(Outcome.IGNORED, "payment already FAILED");
            }
            case PENDING, UNKNOWN -> throw new IllegalStateException("Payment " + paymentId + " is live but did not apply");
        };
    }
}
