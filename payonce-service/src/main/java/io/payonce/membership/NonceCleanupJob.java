package io.payonce.membership;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgets nonces older than the retention. A nonce that old can no longer be replayed anyway:
 * its request's timestamp has left the window. Runs on one instance at a time (ShedLock).
 */
@Component
class NonceCleanupJob {

    private static final Logger log = LoggerFactory.getLogger(NonceCleanupJob.class);
    /** Small enough that one DELETE holds its locks for milliseconds, not seconds. */
    static final int BATCH = 5_000;
    /** A run stops after this many batches (500k rows) and the next run carries on. */
    static final int BATCHES_PER_RUN_MAX = 100;

    private final MemberRepository repository;
    private final MembershipProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    NonceCleanupJob(MemberRepository repository, MembershipProperties properties, TransactionTemplate transactions, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /** Every minute: the table then holds about retention x request rate rows, plus a minute's worth. */
    @Scheduled(initialDelay = 60, fixedDelay = 60, timeUnit = TimeUnit.SECONDS)
    @SchedulerLock(name = "membership-nonce-cleanup", lockAtMostFor = "PT5M")
    void run() {
        int purged = purge();
        if (purged > 0) {
            log.debug("Purged {} expired membership nonces", purged);
        }
    }

    /** Deletes every nonce seen before now minus the retention; returns how many. */
    int purge() {
        Instant cutoff = clock.instant().minus(properties.nonceRetention());
        int total = 0;
        for (int batch = 0; batch < BATCHES_PER_RUN_MAX; batch++) {
            int deleted = transactions.execute(tx -> repository.purgeNonces(cutoff, BATCH));
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        return total;
    }
}
