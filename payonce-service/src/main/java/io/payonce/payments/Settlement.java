package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Optional;

import io.payonce.cardkeys.CardKeyStock;
import io.payonce.membership.MembershipGrants;
import io.payonce.membership.OrderGrant;
import io.payonce.orders.Order;
import io.payonce.orders.OrderRepository;
import io.payonce.products.ProductKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies what the gateway says happened to a payment: the one path through which money is
 * booked and goods are handed over, used by notifications and by the janitor alike. Applying the
 * same fact twice changes nothing the second time.
 */
@Service
public class Settlement {

    private static final Logger log = LoggerFactory.getLogger(Settlement.class);

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
    }

    private final PaymentRepository payments;
    private final OrderRepository orders;
    private final CardKeyStock stock;
    private final MembershipGrants memberships;
    private final Ledger ledger;
    private final UndeliveredOrders undelivered;
    private final Clock clock;

    Settlement(PaymentRepository payments, OrderRepository orders, CardKeyStock stock, MembershipGrants memberships,
               Ledger ledger, UndeliveredOrders undelivered, Clock clock) {
        this.payments = payments;
        this.orders = orders;
        this.stock = stock;
        this.memberships = memberships;
        this.ledger = ledger;
        this.undelivered = undelivered;
        this.clock = clock;
    }

    /**
     * The buyer paid: the payment succeeds, the charge is booked, and the order goes PAID then
     * DELIVERED with its goods, all in one transaction. Goods that cannot be handed over (a
     * membership past its expiry limit) leave the order PAID and recorded in undelivered_orders
     * for a refund; the notification is still acknowledged.
     */
    @Transactional
    public Result applyPaid(String channel, String paymentId, String tradeNo, long amount, String currency) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Payment> succeeded = payments.markSucceeded(paymentId, channel, tradeNo, amount, currency, now);
        if (succeeded.isEmpty()) {
            return whyPaidDidNotApply(channel, paymentId, tradeNo, amount, currency);
        }
        Payment payment = succeeded.get();
        ledger.charge(payment, now);
        Optional<Order> order = orders.markPaid(payment.orderId(), now);
        if (order.isEmpty()) {
            // Cancel and expiry close the gateway trade before closing the order, so this means the
            // gateway took money for a closed trade. Keep the charge booked (money did move) and
            // shout: it needs a refund by hand.
            log.error("Payment {} succeeded at the gateway after its order {} was closed; refund it", paymentId, payment.orderId());
            return new Result(Outcome.APPLIED, "order already closed");
        }
        if (!deliver(order.get(), payment, now)) {
            // Acknowledged all the same: the money did move, and refusing the notification would
            // only make the gateway repeat it forever. The order stays PAID, recorded for a refund.
            return new Result(Outcome.APPLIED, "paid but not deliverable");
        }
        return new Result(Outcome.APPLIED, null);
    }

    /** The gateway closed the trade unpaid: the attempt fails, the order stays payable. */
    @Transactional
    public Result applyClosed(String channel, String paymentId) {
        Instant now = clock.instant();
        Optional<Payment> failed = payments.transition(paymentId, EnumSet.of(PaymentStatus.PENDING, PaymentStatus.UNKNOWN),
                PaymentStatus.Event.FAIL, "trade_closed", now);
        if (failed.isPresent()) {
            return new Result(Outcome.APPLIED, null);
        }
        return payments.find(paymentId).filter(p -> p.channel().equals(channel))
                .map(p -> p.status() == PaymentStatus.FAILED
                        ? new Result(Outcome.ALREADY_APPLIED, null)
                        : new Result(Outcome.IGNORED, "payment already " + p.status()))
                .orElse(new Result(Outcome.REJECTED, "unknown trade"));
    }

    /** A notification that needs no change (the buyer has not paid yet): accepted if the trade is ours. */
    public Result knownPayment(String channel, String paymentId) {
        return payments.find(paymentId).filter(p -> p.channel().equals(channel))
                .map(p -> new Result(Outcome.IGNORED, "nothing to apply"))
                .orElse(new Result(Outcome.REJECTED, "unknown trade"));
    }

    /** Hands over the goods and marks the order DELIVERED; false when they cannot be handed over. */
    private boolean deliver(Order order, Payment payment, Instant now) {
        if (order.kind() == ProductKind.CARD_KEY) {
            int delivered = stock.deliver(order.id());
            if (delivered != order.quantity()) {
                throw new IllegalStateException("Order " + order.id() + " had " + delivered + " reserved keys, expected " + order.quantity());
            }
        } else {
            switch (memberships.grantForOrder(order.buyerUserId(), order.id(), order.membershipDays())) {
                case OrderGrant.Granted granted -> orders.recordMemberExpiry(order.id(), granted.memberExpiresAt());
                case OrderGrant.PastExpiryLimit past -> {
                    // Checked when the order was created; other orders of the buyer paid since then
                    // can still carry the membership to the limit.
                    undelivered.record(order.id(), payment.id(), UndeliveredOrders.Reason.MEMBERSHIP_EXPIRY_LIMIT, now);
                    return false;
                }
            }
        }
        if (!orders.markDelivered(order.id(), now)) {
            throw new IllegalStateException("Order " + order.id() + " was marked PAID in this transaction but is no longer PAID");
        }
        return true;
    }

    private Result whyPaidDidNotApply(String channel, String paymentId, String tradeNo, long amount, String currency) {
        Optional<Payment> found = payments.find(paymentId).filter(p -> p.channel().equals(channel));
        if (found.isEmpty()) {
            return new Result(Outcome.REJECTED, "unknown trade");
        }
        Payment payment = found.get();
        if (payment.amount() != amount || !payment.currency().equals(currency)) {
            return new Result(Outcome.REJECTED, "amount or currency mismatch");
        }
        if (payment.tradeNo() != null && !payment.tradeNo().equals(tradeNo)) {
            return new Result(Outcome.REJECTED, "trade number mismatch");
        }
        return switch (payment.status()) {
            case SUCCEEDED -> new Result(Outcome.ALREADY_APPLIED, null);
            case FAILED -> {
                log.error("Gateway reports payment {} paid after it failed (trade {}); it needs a refund by hand", paymentId, tradeNo);
                yield new Result(Outcome.IGNORED, "payment already FAILED");
            }
            case PENDING, UNKNOWN -> throw new IllegalStateException("Payment " + paymentId + " is live but did not apply");
        };
    }
}
