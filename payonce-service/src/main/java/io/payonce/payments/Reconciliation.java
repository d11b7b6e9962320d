package io.payonce.payments;

import java.time.Clock;
import java.util.EnumSet;

import io.payonce.channels.PaymentChannel.TradeStatus;
import org.springframework.stereotype.Service;

/**
 * Settles a payment by asking its gateway what became of the trade, and applying the answer
 * through {@link Settlement}. Used for UNKNOWN and stale PENDING payments, and for a "closed"
 * notification, which is never trusted on its own: a gateway also sends one after a paid trade is
 * fully refunded, and one that overtook the success must not fail a paid payment.
 */
@Service
public class Reconciliation {

    private final PaymentRepository payments;
    private final PaymentService paymentService;
    private final Settlement settlement;
    private final Clock clock;

    Reconciliation(PaymentRepository payments, PaymentService paymentService, Settlement settlement, Clock clock) {
        this.payments = payments;
        this.paymentService = paymentService;
        this.settlement = settlement;
        this.clock = clock;
    }

    /** Reconciles the channel's payment; REJECTED when payonce has no such payment on that channel. */
    public Settlement.Result reconcile(String channel, String paymentId) {
        return payments.find(paymentId).filter(p -> p.channel().equals(channel))
                .map(this::reconcile)
                .orElse(new Settlement.Result(Settlement.Outcome.REJECTED, "unknown trade"));
    }

    Settlement.Result reconcile(Payment payment) {
        TradeStatus status = paymentService.channel(payment.channel()).queryTrade(payment.id());
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

    private Settlement.Result confirmOpen(Payment payment, String tradeNo) {
        if (payment.status() == PaymentStatus.UNKNOWN) {
            payments.transition(payment.id(), EnumSet.of(PaymentStatus.UNKNOWN), PaymentStatus.Event.CONFIRM_OPEN, null, clock.instant());
            payments.recordTrade(payment.id(), tradeNo, payment.payUrl(), clock.instant());
        } else {
            payments.touch(payment.id(), clock.instant());
        }
        return new Settlement.Result(Settlement.Outcome.IGNORED, "trade still open");
    }
}
