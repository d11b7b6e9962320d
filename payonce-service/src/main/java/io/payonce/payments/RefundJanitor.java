package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;

import io.payonce.channels.PaymentChannel.RefundOutcome;
import io.payonce.channels.PaymentChannel.RefundQuery;
import io.payonce.jobs.RowRetries;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles refunds whose answer was lost (a timeout, a crash after the gateway call) once their
 * own request's lease has run out, by asking the gateway with the refund query:
 * <ul>
 *   <li>succeeded: booked, as the request would have;</li>
 *   <li>failed: the amount set aside is given back, and a money exception is recorded;</li>
 *   <li>not found: the refund never reached the gateway, so it is asked for again with the same
 *       refundId (the gateway treats it idempotently) and that answer is booked;</li>
 *   <li>processing or unknown: asked again later, on the same backoff schedule as payments; at
 *       its limit the refund becomes a money exception, and is still asked about.</li>
 * </ul>
 * The refund's own request may resume meanwhile: both book through {@link RefundService#record},
 * whose conditional update lets only the first answer count.
 */
@Component
class RefundJanitor {

    static final String JOB = "refund-janitor";

    private final RefundRepository refunds;
    private final PaymentRepository payments;
    private final MoneyExceptions moneyExceptions;
    private final RefundService refundService;
    private final RowRetries retries;
    private final TransactionTemplate transactions;
    private final QuerySchedule schedule;
    private final JanitorProperties settings;
    private final Clock clock;

    RefundJanitor(RefundRepository refunds, PaymentRepository payments, MoneyExceptions moneyExceptions, RefundService refundService, RowRetries retries, TransactionTemplate transactions,
                  QuerySchedule schedule, JanitorProperties settings, Clock clock) {
        this.refunds = refunds;
        this.payments = payments;
        this.moneyExceptions = moneyExceptions;
        this.refundService = refundService;
        this.retries = retries;
        this.transactions = transactions;
        this.schedule = schedule;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${payonce.payments.janitor-interval}")
    @SchedulerLock(name = JOB, lockAtMostFor = "PT2M")
    public void sweep() {
        for (Refund refund : refunds.due(clock.instant(), settings.refundBatchMax(), JOB)) {
            retries.attempt(JOB, refund.id(), () -> settle(refund));
        }
    }

    private void settle(Refund refund) {
        switch (refundService.query(refund)) {
            case RefundQuery.Succeeded succeeded -> book(refund, new RefundOutcome.Succeeded(succeeded.channelRefundNo()));
            case RefundQuery.Failed failed -> book(refund, new RefundOutcome.Failed(failed.reason()));
            case RefundQuery.NotFound notFound -> book(refund, refundService.ask(refund));
            case RefundQuery.Processing processing -> askAgainLater(refund);
            case RefundQuery.Unknown unknown -> askAgainLater(refund);
        }
    }

    private void book(Refund refund, RefundOutcome outcome) {
        if (outcome instanceof RefundOutcome.Unknown) {
            askAgainLater(refund);
            return;
        }
        transactions.executeWithoutResult(tx -> refundService.record(refund, outcome));
    }

    private void askAgainLater(Refund refund) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            int attempts = refunds.countQuery(refund.id());
            if (attempts > 0) {
                if (schedule.limitReachedAt(attempts)) {
                    moneyExceptions.record(MoneyException.Kind.REFUND_UNRESOLVED, refund.id(), payments.find(refund.paymentId()).orElseThrow(),
                            refund.amount(), "Asked the gateway " + attempts + " times about refund " + refund.id() + " without a final answer");
                }
                refunds.scheduleQuery(refund.id(), schedule.next(now, attempts), now);
            }
        });
    }
}
