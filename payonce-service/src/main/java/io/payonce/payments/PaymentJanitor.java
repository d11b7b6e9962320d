package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;

import io.payonce.channels.PaymentChannel.TradeStatus;
import io.payonce.config.PayonceProperties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks the gateway about payments it never told us about: UNKNOWN ones (a timeout) and PENDING
 * ones whose notification may have been lost. What it learns goes through {@link Settlement},
 * the same path as a notification, so a late notification after the janitor is a harmless repeat.
 */
@Component
public class PaymentJanitor {

    private static final Logger log = LoggerFactory.getLogger(PaymentJanitor.class);

    private final PaymentRepository payments;
    private final PaymentService paymentService;
    private final Settlement settlement;
    private final Clock clock;
    private final PayonceProperties.Payments settings;

    PaymentJanitor(PaymentRepository payments, PaymentService paymentService, Settlement settlement, Clock clock,
                   PayonceProperties properties) {
        this.payments = payments;
        this.paymentService = paymentService;
        this.settlement = settlement;
        this.clock = clock;
        this.settings = properties.payments();
    }

    @Scheduled(fixedDelayString = "${payonce.payments.janitor-interval}")
    @SchedulerLock(name = "payment-janitor", lockAtMostFor = "PT2M")
    public void sweep() {
        Instant now = clock.instant();
        for (Payment payment : payments.unresolved(now.minus(settings.unknownAfter()), settings.janitorBatchMax())) {
            boolean due = payment.status() == PaymentStatus.UNKNOWN
                    || payment.createdAt().isBefore(now.minus(settings.pendingAfter()));
            if (due) {
                resolve(payment);
            }
        }
    }

    /** Settles one payment by asking its gateway; public for tests and operators. */
    public void resolve(Payment payment) {
        try {
            TradeStatus status = paymentService.channel(payment.channel()).queryTrade(payment.id());
            switch (status) {
                case TradeStatus.Paid paid ->
                        settlement.applyPaid(payment.channel(), payment.id(), paid.tradeNo(), paid.amount(), paid.currency());
                case TradeStatus.Closed closed -> settlement.applyClosed(payment.channel(), payment.id());
                case TradeStatus.NotFound notFound -> settlement.applyClosed(payment.channel(), payment.id());
                case TradeStatus.Waiting waiting -> confirmOpen(payment, waiting.tradeNo());
                case TradeStatus.Unknown unknown -> payments.touch(payment.id(), clock.instant());
            }
        } catch (RuntimeException e) {
            log.warn("Could not resolve payment {}: {}", payment.id(), e.toString());
            payments.touch(payment.id(), clock.instant());
        }
    }

    private void confirmOpen(Payment payment, String tradeNo) {
        if (payment.status() == PaymentStatus.UNKNOWN) {
            payments.transition(payment.id(), EnumSet.of(PaymentStatus.UNKNOWN), PaymentStatus.Event.CONFIRM_OPEN, null, clock.instant());
            payments.recordTrade(payment.id(), tradeNo, payment.payUrl(), clock.instant());
        } else {
            payments.touch(payment.id(), clock.instant());
        }
    }
}
