package io.payonce.payments;

import java.time.Clock;

import io.payonce.common.Refusal;
import io.payonce.jobs.RowRetries;
import io.payonce.orders.Orders;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Expires orders nobody paid in time and returns their keys to stock, one instance at a time. */
@Component
public class OrderExpiryJob {

    /** The job's name in its lock, its metric and job_row_failures. */
    public static final String JOB = "order-expiry";
    /** Per run; the next run a few seconds later takes the rest. */
    private static final int BATCH_MAX = 500;

    private final Orders orders;
    private final OrderClosing closing;
    private final RowRetries retries;
    private final Clock clock;

    OrderExpiryJob(Orders orders, OrderClosing closing, RowRetries retries, Clock clock) {
        this.orders = orders;
        this.closing = closing;
        this.retries = retries;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${payonce.orders.expiry-sweep-interval}")
    @SchedulerLock(name = JOB, lockAtMostFor = "PT5M")
    public void sweep() {
        // An order it cannot close now (the gateway unreachable, a row it cannot handle) is retried
        // with backoff, and left out of the batch until then, so the orders behind it still expire.
        for (String orderId : orders.expiredBefore(clock.instant(), BATCH_MAX, JOB)) {
            retries.attempt(JOB, orderId, () -> expire(orderId));
        }
    }

    private void expire(String orderId) {
        try {
            closing.expire(orderId);
        } catch (Refusal e) {
            if (e.reason() != Refusal.Reason.ORDER_NOT_CANCELLABLE) {
                throw e;
            }
            // Paid (or cancelled) meanwhile: nothing is left to expire, and nothing failed.
        }
    }
}
