package io.payonce.access;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Deletes expired buyer sessions, one instance at a time. */
@Component
class BuyerSessionCleanupJob {

    /** Small batches keep each delete's locks and WAL short while the service is under load. */
    private static final int BATCH_MAX = 5_000;
    private static final int BATCHES_PER_RUN_MAX = 20;

    private final BuyerSessions sessions;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BuyerSessionCleanupJob(BuyerSessions sessions, TransactionTemplate transactions, Clock clock) {
        this.sessions = sessions;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT45S")
    @SchedulerLock(name = "buyer-session-cleanup", lockAtMostFor = "PT5M")
    void deleteExpired() {
        for (int batch = 0; batch < BATCHES_PER_RUN_MAX; batch++) {
            if (transactions.execute(tx -> sessions.deleteExpired(clock.instant(), BATCH_MAX)) < BATCH_MAX) {
                return;
            }
        }
    }
}
