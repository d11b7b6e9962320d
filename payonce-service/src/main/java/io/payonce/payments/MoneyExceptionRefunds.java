package io.payonce.payments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.payonce.channels.PaymentChannel;
import io.payonce.channels.PaymentChannel.RefundOutcome;
import io.payonce.jobs.RowRetries;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds the charges payonce never meant to take (a charge on a closed order or on a failed
 * attempt): the whole charge, through the payment's own channel, under the refundId the exception
 * was given when it was recorded, so a retry after a timeout or a crash asks the gateway for the
 * same refund and cannot pay out twice. An unknown answer is retried with backoff
 * ({@link RowRetries}); a refusal leaves the exception OPEN for an operator.
 */
@Component
class MoneyExceptionRefunds {

    static final String JOB = "money-exception-refunds";

    private final MoneyExceptionRepository exceptions;
    private final PaymentService payments;
    private final RowRetries retries;
    private final TransactionTemplate transactions;
    private final JanitorProperties settings;
    private final Clock clock;

    MoneyExceptionRefunds(MoneyExceptionRepository exceptions, PaymentService payments, RowRetries retries,
                          TransactionTemplate transactions, JanitorProperties settings, Clock clock) {
        this.exceptions = exceptions;
        this.payments = payments;
        this.retries = retries;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${payonce.payments.janitor-interval}")
    @SchedulerLock(name = JOB, lockAtMostFor = "PT2M")
    public void sweep() {
        for (MoneyException exception : exceptions.refundsToTry(clock.instant(), settings.refundBatchMax(), JOB)) {
            retries.attempt(JOB, exception.id(), () -> refund(exception));
        }
    }

    private void refund(MoneyException exception) {
        RefundOutcome outcome = payments.channel(exception.channel()).refund(new PaymentChannel.RefundRequest(
                exception.paymentId(), exception.refundId(), exception.amount(), exception.currency()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        switch (outcome) {
            case RefundOutcome.Succeeded succeeded ->
                    transactions.executeWithoutResult(tx -> exceptions.markRefunded(exception.id(), succeeded.channelRefundNo(), now));
            case RefundOutcome.Failed failed ->
                    transactions.executeWithoutResult(tx -> exceptions.markRefundRefused(exception.id(), failed.reason(), now));
            case RefundOutcome.Unknown unknown -> throw new IllegalStateException(
                    "The " + exception.channel() + " gateway did not confirm refund " + exception.refundId() + ": " + unknown.reason());
        }
    }
}
