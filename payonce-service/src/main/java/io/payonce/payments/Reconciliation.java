package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payonce.channels.PaymentChannel.TradeStatus;
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
    private final Clock clock;

    Reconciliation(PaymentRepository payments, PaymentService paymentService, Settlement settlement,
                   TransactionTemplate transactions, Clock clock) {
        this.payments = payments;
        this.paymentService = paymentService;
        this.settlement = settlement;
        this.transactions = transactions;
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
                payments.touch(payment.id(), clock.instant());
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
        } else {
            payments.touch(payment.id(), now);
        }
        return new Settlement.Result(Settlement.Outcome.IGNORED, "trade still open");
    }

    /** Marks a live attempt as just looked at (the janitor could not ask its gateway), so others get their turn. */
    void touch(String paymentId) {
        transactions.executeWithoutResult(tx -> payments.touch(paymentId, clock.instant()));
    }
}
