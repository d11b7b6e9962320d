package io.payonce.payments;

import java.time.Clock;

import io.payonce.common.Refusal;
import io.payonce.orders.Orders;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Expires orders nobody paid in time and returns their keys to stock, one instance at a time. */
@Component
public class OrderExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(OrderExpiryJob.class);
    /** Per run; the next run a few seconds later takes the rest. */
    private static final int BATCH_MAX = 500;

    private final Orders orders;
    private final OrderClosing closing;
    private final Clock clock;

    OrderExpiryJob(Orders orders, OrderClosing closing, Clock clock) {
        this.orders = orders;
        this.closing = closing;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${payonce.orders.expiry-sweep-interval}")
    @SchedulerLock(name = "order-expiry", lockAtMostFor = "PT5M")
    public void sweep() {
        for (String orderId : orders.expiredBefore(clock.instant(), BATCH_MAX)) {
            try {
                closing.expire(orderId);
            } catch (Refusal e) {
                // Paid or cancelled meanwhile, or the gateway is unreachable: the next run retries.
                log.debug("Order {} not expired: {}", orderId, e.getMessage());
            }
        }
    }
}
