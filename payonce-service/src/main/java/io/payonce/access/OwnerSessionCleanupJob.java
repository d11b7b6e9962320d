package io.payonce.access;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes expired console sessions and forgotten login failures, one instance at a time. Neither is
 * needed for correctness (an expired session is refused, an old failure is recounted from zero); the
 * job only keeps the two tables small.
 */
@Component
class OwnerSessionCleanupJob {

    /** An owner has a handful of sessions; a batch this size empties any realistic backlog in one run. */
    private static final int BATCH_MAX = 1_000;

    private final OwnerSessions sessions;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ConsoleProperties properties;
    private final JdbcClient jdbc;

    OwnerSessionCleanupJob(OwnerSessions sessions, TransactionTemplate transactions, Clock clock, ConsoleProperties properties,
                           JdbcClient jdbc) {
        this.sessions = sessions;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT50S")
    @SchedulerLock(name = "owner-session-cleanup", lockAtMostFor = "PT5M")
    void deleteExpired() {
        transactions.executeWithoutResult(tx -> {
            sessions.deleteExpired(clock.instant(), BATCH_MAX);
            // A failure older than the window and the lock-out together can no longer count for anything.
            jdbc.sql("""
                            DELETE FROM owner_login_failures WHERE subject IN (
                                SELECT subject FROM owner_login_failures
                                 WHERE window_started_at < :before AND (locked_until IS NULL OR locked_until < :now) LIMIT :max)""")
                    .param("before", ApiKeys.utc(clock.instant().minus(properties.failureWindow())))
                    .param("now", ApiKeys.utc(clock.instant())).param("max", BATCH_MAX).update();
        });
    }
}
