package io.payonce.intake;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL queue: every instance looks for queued orders every poll interval and drains
 * them batch by batch ({@code FOR UPDATE SKIP LOCKED}, so instances take disjoint batches and need
 * no job lock). Without a broker it takes every queued order; with one it sweeps only those the
 * broker's consumer has not taken within {@code sweep-after}, so a lost message delays an order
 * and never strands it.
 */
@Component
class IntakePoller {

    private static final Logger log = LoggerFactory.getLogger(IntakePoller.class);
    /**
     * Batches per run: 100 batches of 100 is a flash sale's worth; the next run goes on with the
     * rest, so one run never holds its thread for long.
     */
    private static final int BATCHES_PER_RUN_MAX = 100;

    private final QueuedOrderWorker worker;
    private final Duration minAge;

    IntakePoller(QueuedOrderWorker worker, IntakeProperties properties, IntakeSignal signal) {
        this.worker = worker;
        this.minAge = signal.brokered() ? properties.sweepAfter() : Duration.ZERO;
    }

    @Scheduled(fixedDelayString = "${payonce.intake.poll-interval:100ms}")
    void drain() {
        try {
            for (int batch = 0; batch < BATCHES_PER_RUN_MAX; batch++) {
                if (worker.takeHead(minAge) < worker.batchMax()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // The orders stay QUEUED and the next run takes them again; nothing is half done.
            log.warn("Queued intake: a batch failed and is retried at the next poll", e);
        }
    }
}
