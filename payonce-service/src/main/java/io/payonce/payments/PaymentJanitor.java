package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;

import io.payonce.config.PayonceProperties;
import io.payonce.jobs.RowRetries;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks the gateway about payments it never told us about: UNKNOWN ones (a timeout) and PENDING
 * ones whose notification may have been lost, through {@link Reconciliation}: the same path as a
 * notification, so a late notification after the janitor is a harmless repeat. Each payment is
 * asked about on its own backoff schedule ({@link QuerySchedule}); which are due is decided in SQL
 * by their next_query_at, oldest first, so the rows at the head of a batch are the ones that have
 * waited longest, whatever their status.
 */
@Component
public class PaymentJanitor {

    /** The job's name in its lock, its metric and job_row_failures. */
    static final String JOB = "payment-janitor";

    private final PaymentRepository payments;
    private final Reconciliation reconciliation;
    private final RowRetries retries;
    private final Clock clock;
    private final PayonceProperties.Payments settings;

    PaymentJanitor(PaymentRepository payments, Reconciliation reconciliation, RowRetries retries, Clock clock,
                   PayonceProperties properties) {
        this.payments = payments;
        this.reconciliation = reconciliation;
        this.retries = retries;
        this.clock = clock;
        this.settings = properties.payments();
    }

    @Scheduled(fixedDelayString = "${payonce.payments.janitor-interval}")
    @SchedulerLock(name = JOB, lockAtMostFor = "PT2M")
    public void sweep() {
        Instant now = clock.instant();
        // A payment it cannot settle now (its channel gone, a row it cannot handle) is retried with
        // backoff by RowRetries, and left out of the batch until then.
        for (Payment payment : payments.due(now, settings.janitorBatchMax(), JOB)) {
            retries.attempt(JOB, payment.id(), () -> reconciliation.reconcile(payment));
        }
    }
}
