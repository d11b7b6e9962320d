package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;

import io.payonce.config.PayonceProperties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks the gateway about payments it never told us about: UNKNOWN ones (a timeout) and PENDING
 * ones whose notification may have been lost, through {@link Reconciliation}: the same path as a
 * notification, so a late notification after the janitor is a harmless repeat.
 */
@Component
public class PaymentJanitor {

    private static final Logger log = LoggerFactory.getLogger(PaymentJanitor.class);

    private final PaymentRepository payments;
    private final Reconciliation reconciliation;
    private final Clock clock;
    private final PayonceProperties.Payments settings;

    PaymentJanitor(PaymentRepository payments, Reconciliation reconciliation, Clock clock, PayonceProperties properties) {
        this.payments = payments;
        this.reconciliation = reconciliation;
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

    private void resolve(Payment payment) {
        try {
            reconciliation.reconcile(payment);
        } catch (RuntimeException e) {
            log.warn("Could not resolve payment {}: {}", payment.id(), e.toString());
            reconciliation.touch(payment.id());
        }
    }
}
