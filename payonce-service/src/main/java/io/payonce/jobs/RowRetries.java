package io.payonce.jobs;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps one bad row from stopping a scheduled job. A job hands each row's work to
 * {@link #attempt}: a failure is logged, counted in {@code payonce.jobs.row_failures{job}} and
 * stored in {@code job_row_failures} with the time of its next attempt, and the job goes on with
 * the next row. The jobs' batch queries leave out rows whose next attempt is not due
 * ({@link #NOT_BACKING_OFF}), so a row that fails every time, even one that sorts first, costs one
 * attempt per backoff period and never starves the rows behind it. The delay doubles per failure,
 * from {@code payonce.jobs.retry-initial} up to {@code payonce.jobs.retry-max}.
 */
@Component
public class RowRetries {

    /**
     * The condition a job's batch query adds to skip rows that are backing off; it needs the
     * parameters {@code :job} and {@code :now}, and {@code %s} is the row's id column.
     */
    public static final String NOT_BACKING_OFF = """
            NOT EXISTS (SELECT 1 FROM job_row_failures f
                         WHERE f.job = :job AND f.row_id = %s AND f.next_attempt_at > :now)""";

    private static final Logger log = LoggerFactory.getLogger(RowRetries.class);
    /** An error message is cut here: enough to diagnose, and bounded whatever an exception says. */
    private static final int ERROR_TEXT_MAX = 500;
    /**
     * 2^20 times the initial delay is far past any sane maximum; the cap keeps the power from
     * overflowing however many times a row has failed.
     */
    private static final int DOUBLINGS_MAX = 20;
    /**
     * Failures of rows that stopped failing without succeeding through the job (an order paid by
     * its buyer meanwhile) are forgotten after this long; a row still failing is refreshed at
     * least every retry-max, so it is never forgotten while it fails.
     */
    private static final Duration FORGET_AFTER = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final JobsProperties settings;
    private final TransactionTemplate transactions;

    RowRetries(JdbcClient jdbc, Clock clock, MeterRegistry meters, JobsProperties settings, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.settings = settings;
    }

    /**
     * Runs one row's work. True when it succeeded (a failure recorded before is then cleared);
     * false when it threw: the failure is recorded and the caller goes on with its next row.
     */
    public boolean attempt(String job, String rowId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            recordFailure(job, rowId, e);
            return false;
        }
        transactions.executeWithoutResult(tx -> jdbc.sql("DELETE FROM job_row_failures WHERE job = :job AND row_id = :rowId")
                .param("job", job).param("rowId", rowId).update());
        return true;
    }

    /** The failure of one row, as stored. */
    public record Failure(int attempts, Instant nextAttemptAt) {
    }

    private void recordFailure(String job, String rowId, RuntimeException e) {
        Failure failure = transactions.execute(tx -> store(job, rowId, describe(e), clock.instant()));
        failures(job).increment();
        if (failure.attempts() == 1) {
            log.warn("Job {} failed on row {}; it goes on with the other rows and retries this one at {}",
                    job, rowId, failure.nextAttemptAt(), e);
        } else {
            log.warn("Job {} failed again on row {} (attempt {}): {}; next attempt at {}",
                    job, rowId, failure.attempts(), describe(e), failure.nextAttemptAt());
        }
    }

    private Failure store(String job, String rowId, String error, Instant now) {
        return jdbc.sql("""
                        INSERT INTO job_row_failures (job, row_id, attempts, next_attempt_at, last_error, first_failed_at, last_failed_at)
                        VALUES (:job, :rowId, 1, CAST(:now AS timestamptz) + make_interval(secs => :initialSec), :error, :now, :now)
                        ON CONFLICT (job, row_id) DO UPDATE
                        SET attempts = job_row_failures.attempts + 1,
                            next_attempt_at = CAST(:now AS timestamptz) + make_interval(secs => LEAST(
                                :initialSec * power(2, LEAST(job_row_failures.attempts, :doublingsMax)), :maxSec)),
                            last_error = :error,
                            last_failed_at = :now
                        RETURNING attempts, next_attempt_at""")
                .param("job", job).param("rowId", rowId).param("error", error).param("now", Timestamp.from(now))
                .param("initialSec", seconds(settings.retryInitial())).param("maxSec", seconds(settings.retryMax()))
                .param("doublingsMax", DOUBLINGS_MAX)
                .query((rs, row) -> new Failure(rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant()))
                .single();
    }

    /** The stored failure of a row, if it is failing. */
    public Optional<Failure> failureOf(String job, String rowId) {
        return jdbc.sql("SELECT attempts, next_attempt_at FROM job_row_failures WHERE job = :job AND row_id = :rowId")
                .param("job", job).param("rowId", rowId)
                .query((rs, row) -> new Failure(rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant()))
                .optional();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @SchedulerLock(name = "job-row-failures-cleanup", lockAtMostFor = "PT5M")
    void forgetStale() {
        transactions.executeWithoutResult(tx -> jdbc.sql("DELETE FROM job_row_failures WHERE last_failed_at < :cutoff AND next_attempt_at < :now")
                .param("cutoff", Timestamp.from(clock.instant().minus(FORGET_AFTER)))
                .param("now", Timestamp.from(clock.instant()))
                .update());
    }

    private Counter failures(String job) {
        return Counter.builder("payonce.jobs.row_failures").tag("job", job)
                .description("Rows a scheduled job failed on; each is retried later with backoff")
                .register(meters);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String describe(RuntimeException e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return text.length() <= ERROR_TEXT_MAX ? text : text.substring(0, ERROR_TEXT_MAX);
    }
}
