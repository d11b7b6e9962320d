package io.payonce.idempotency;

import java.time.Duration;

import io.payonce.config.PayonceProperties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Deletes stored answers older than the retention (24 h by default), one instance at a time. */
@Component
class IdempotencyRetentionJob {

    /** Small batches keep each delete's locks and WAL short while the service is under load. */
    private static final int BATCH_MAX = 5_000;
    private static final int BATCHES_PER_RUN_MAX = 20;

    private final IdempotencyStore store;
    private final TransactionTemplate transactions;
    private final Duration retention;

    IdempotencyRetentionJob(IdempotencyStore store, TransactionTemplate transactions, PayonceProperties properties) {
        this.transactions = transactions;
        this.store = store;
        this.retention = properties.idempotency().retention();
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT30S")
    @SchedulerLock(name = "idempotency-retention", lockAtMostFor = "PT5M")
    void deleteExpired() {
        for (int batch = 0; batch < BATCHES_PER_RUN_MAX; batch++) {
            if (transactions.execute(tx -> store.deleteCompletedOlderThan(retention, BATCH_MAX)) < BATCH_MAX) {
                return;
            }
        }
    }
}
