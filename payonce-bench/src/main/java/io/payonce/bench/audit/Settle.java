package io.payonce.bench.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import io.payonce.bench.target.Database;

/**
 * Waits, after the load, until the service has caught up: notifications still in flight, delayed
 * or retried, and payments the janitor must still settle. Auditing before that would report a
 * trade paid a second ago as lost. Quiet means every trade the harness paid is SUCCEEDED, no queued
 * order still waits for its turn, and the payment and ledger counts have not moved for a while, or
 * the timeout passed (reported as such).
 */
public final class Settle {

    private static final Duration POLL = Duration.ofMillis(500);
    /** Three polls without change: long enough for a notification retry scheduled at a second. */
    private static final int QUIET_POLLS = 3;

    private Settle() {
    }

    /** Returns true when the service went quiet in time. */
    public static boolean await(Database database, Journal journal, Duration timeout) throws SQLException, InterruptedException {
        if (database == null) {
            Thread.sleep(timeout.compareTo(Duration.ofSeconds(2)) < 0 ? timeout.toMillis() : 2000);
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = database.connect()) {
            AuditContext db = new AuditContext(connection, journal);
            String last = "";
            int quiet = 0;
            while (System.nanoTime() < deadline) {
                String now = state(db);
                quiet = now.equals(last) && unsettledPaid(db) == 0 && stillQueued(db) == 0 ? quiet + 1 : 0;
                if (quiet >= QUIET_POLLS) {
                    return true;
                }
                last = now;
                Thread.sleep(POLL.toMillis());
            }
        }
        return false;
    }

    private static String state(AuditContext db) throws SQLException {
        List<String> rows = db.strings("SELECT status || '=' || count(*) FROM payments GROUP BY status ORDER BY status");
        return rows + " ledger=" + db.count("SELECT count(*) FROM ledger_entries");
    }

    private static long stillQueued(AuditContext db) throws SQLException {
        return db.count("SELECT count(*) FROM orders WHERE status = 'QUEUED'");
    }

    private static long unsettledPaid(AuditContext db) throws SQLException {
        if (db.journal().paidAtGateway().isEmpty()) {
            return 0;
        }
        return db.count("SELECT count(*) FROM payments WHERE id = ANY (?) AND status <> 'SUCCEEDED'",
                db.connection().createArrayOf("text", db.journal().paidAtGateway().toArray()));
    }
}
