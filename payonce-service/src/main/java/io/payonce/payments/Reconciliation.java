package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payonce.channels.PaymentChannel.TradeStatus;
import io.payonce.orders.Order;
import io.payonce.orders.OrderStatus;
import io.payonce.orders.Orders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles a payment by asking its gateway what became of the trade, and applying the answer
 * through {@link Settlement}: the question outside any transaction, the answer in one. Used for
 * UNKNOWN and stale PENDING payments, and for a "closed" notification, which is never trusted on
 * its own: a gateway also sends one after a paid trade is fully refunded, and one that overtook the
 * success must not fail a paid payment.
 */
@Service
public class Reconciliation {

    private final PaymentRepository payments;
    private final PaymentService paymentService;
    private final Settlement settlement;
    private final TransactionTemplate transactions;
    private final QuerySchedule schedule;
    private final MoneyExceptions moneyExceptions;
    private final Orders orders;
    private final Clock clock;

    Reconciliation(PaymentRepository payments, PaymentService paymentService, Settlement settlement,
                   TransactionTemplate transactions, QuerySchedule schedule, MoneyExceptions moneyExceptions, Orders orders,
                   Clock clock) {
        this.payments = payments;
        this.paymentService = paymentService;
        this.settlement = settlement;
        this.transactions = transactions;
        this.schedule = schedule;
        this.moneyExceptions = moneyExceptions;
        this.orders = orders;
        this.clock = clock;
    }

    /** Reconciles the channel's payment; REJECTED when payonce has no such payment on that channel. */
    public Settlement.Result reconcile(String channel, String paymentId) {
        Optional<Payment> payment = payments.find(paymentId).filter(p -> p.channel().equals(channel));
        return payment.isPresent() ? reconcile(payment.get()) : Settlement.Result.unknownTrade();
    }

    Settlement.Result reconcile(Payment payment) {
        TradeStatus status = paymentService.channel(payment.channel()).queryTrade(payment.id());
        return transactions.execute(tx -> apply(payment, status));
    }

    private Settlement.Result apply(Payment payment, TradeStatus status) {
        return switch (status) {
            case TradeStatus.Paid paid ->
                    settlement.applyPaid(payment.channel(), payment.id(), paid.tradeNo(), paid.amount(), paid.currency());
            case TradeStatus.Closed closed -> settlement.applyClosed(payment.channel(), payment.id());
            case TradeStatus.NotFound notFound -> settlement.applyClosed(payment.channel(), payment.id());
            case TradeStatus.Waiting waiting -> confirmOpen(payment, waiting.tradeNo());
            case TradeStatus.Unknown unknown -> {
                askAgainLater(payment, "the gateway's answers were unknown");
                yield new Settlement.Result(Settlement.Outcome.IGNORED, "gateway status unknown: " + unknown.reason());
            }
        };
    }

    /** The trade is open and waiting for the buyer: an UNKNOWN attempt is PENDING again, with its trade number. */
    private Settlement.Result confirmOpen(Payment payment, String tradeNo) {
        Instant now = clock.instant();
        boolean confirmed = payments.transition(payment.id(), List.of(PaymentStatus.UNKNOWN), PaymentStatus.Event.CONFIRM_OPEN, null, now)
                .isPresent();
        if (confirmed) {
            payments.recordTrade(payment.id(), tradeNo, payment.payUrl(), now);
        }
        askAgainLater(payment, "the trade was still open");
        return new Settlement.Result(Settlement.Outcome.IGNORED, "trade still open");
    }

    /**
     * The answer settled nothing: counts it and schedules the next question on the backoff
     * schedule, no later than shortly before an unpaid order expires. At the limit the payment
     * becomes a money exception (in this transaction), and is still asked about.
     */
    private void askAgainLater(Payment payment, String why) {
        Instant now = clock.instant();
        int attempts = payments.countQuery(payment.id());
        if (attempts == 0) {
            return;
        }
        if (schedule.limitReachedAt(attempts)) {
            moneyExceptions.record(MoneyException.Kind.PAYMENT_UNRESOLVED, payment.id(), payment, payment.amount(),
                    "Asked the gateway " + attempts + " times and " + why + "; the payment is still " + payment.status());
        }
        Optional<Order> unpaid = orders.find(payment.orderId()).filter(order -> order.status() == OrderStatus.PENDING_PAYMENT);
        Instant next = unpaid.map(order -> schedule.next(now, attempts, order.expiresAt())).orElseGet(() -> schedule.next(now, attempts));
        payments.scheduleQuery(payment.id(), next, now);
    }
}
