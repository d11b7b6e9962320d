package io.payonce.access;

import java.time.Clock;
import java.time.Duration;

import io.payonce.config.PayonceProperties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes submit tokens once neither a first use nor a replay can need them: a token is kept as
 * long past its expiry as stored answers are kept, so a used token replays for as long as its
 * answer exists. One instance at a time.
 */
@Component
class SubmitTokenCleanupJob {

    /** Small batches keep each delete's locks and WAL short while the service is under load. */
    private static final int BATCH_MAX = 5_000;
    private static final int BATCHES_PER_RUN_MAX = 20;

    private final SubmitTokens tokens;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration keptPastExpiry;

    SubmitTokenCleanupJob(SubmitTokens tokens, TransactionTemplate transactions, Clock clock, PayonceProperties properties) {
        this.tokens = tokens;
        this.transactions = transactions;
        this.clock = clock;
        this.keptPastExpiry = properties.idempotency().retention();
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT50S")
    @SchedulerLock(name = "submit-token-cleanup", lockAtMostFor = "PT5M")
    void deleteExpired() {
        for (int batch = 0; batch < BATCHES_PER_RUN_MAX; batch++) {
            if (transactions.execute(tx -> tokens.deleteExpired(clock.instant().minus(keptPastExpiry), BATCH_MAX)) < BATCH_MAX) {
                return;
            }
        }
    }
}
