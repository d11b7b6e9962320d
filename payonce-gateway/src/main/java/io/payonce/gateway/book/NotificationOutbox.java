package io.payonce.gateway.book;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.payonce.gateway.book.SandboxBook.TradeState;
import io.payonce.gateway.faults.DeliveryPlan;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The gateways' notification outbox ({@code notifications}). Rows are written in the transaction
 * that changes the trade, claimed with SKIP LOCKED by whichever sender polls first, and leased
 * while in flight so that no two senders send the same attempt at once.
 */
@Repository
public class NotificationOutbox {

    /** Kept of a failed attempt's answer or error, enough to debug a receiver. */
    static final int ERROR_LENGTH_MAX = 300;
    /** Notifications listed per trade in views: with repeat and retries a trade has a few dozen at most. */
    static final int LISTED_MAX = 200;

    private final JdbcClient jdbc;

    NotificationOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A claimed attempt: the trade as it stands now, and which status this notification reports. */
    public record Attempt(long id, Trade trade, TradeState tradeStatus, String notifyId, int attempts) {
    }

    /** A notification as the control API shows it. */
    public record Entry(long id, String notifyId, TradeState tradeStatus, String state, int attempts, Instant nextAttemptAt,
                        Integer lastStatus, String lastError, Instant createdAt, Instant deliveredAt) {
    }

    /**
     * Writes the notification of {@code status} for the trade, shaped by the plan; nothing when
     * the merchant gave no notify_url (a real gateway then sends none). Runs in the caller's
     * transaction. Returns whether anything is to be sent.
     */
    boolean enqueue(Trade trade, TradeState status, DeliveryPlan plan) {
        if (trade.notifyUrl() == null) {
            return false;
        }
        String notifyId = newNotifyId();
        int copies = plan.lost() ? 1 : plan.copies();
        long first = insert(trade, notifyId, status, plan.lost() ? "LOST" : "PENDING", plan.delayMs(), null);
        for (int copy = 1; copy < copies; copy++) {
            insert(trade, notifyId, status, "PENDING", plan.delayMs(), null);
        }
        if (plan.staleAfter() && TradeLifecycle.isFinal(status)) {
            insert(trade, newNotifyId(), TradeState.WAIT_BUYER_PAY, "PENDING", plan.delayMs(), first);
        }
        return !plan.lost() || plan.staleAfter();
    }

    /**
     * Claims up to {@code limit} due attempts: counts the attempt and pushes the row's next
     * attempt past the lease, so it is not claimed again while this one is in flight. A stale
     * notification of the reorder fault waits until the one it follows is no longer pending.
     */
    public List<Attempt> claimDue(int limit, Duration lease) {
        return jdbc.sql("""
                WITH due AS (
                    SELECT n.id FROM notifications n
                    WHERE n.state = 'PENDING' AND n.next_attempt_at <= now()
                      AND NOT EXISTS (SELECT 1 FROM notifications first
                                      WHERE first.id = n.after_id AND first.state = 'PENDING')
                    ORDER BY n.next_attempt_at
                    LIMIT :limit
                    FOR UPDATE OF n SKIP LOCKED),
                claimed AS (
                    UPDATE notifications n
                    SET attempts = n.attempts + 1, next_attempt_at = now() + CAST(:leaseMs AS bigint) * interval '1 millisecond'
                    FROM due WHERE n.id = due.id
                    RETURNING n.id, n.channel, n.out_trade_no, n.notify_id, n.trade_status, n.attempts)
                SELECT c.id AS n_id, c.notify_id AS n_notify_id, c.trade_status AS n_trade_status, c.attempts AS n_attempts, t.*
                FROM claimed c JOIN trades t ON t.channel = c.channel AND t.out_trade_no = c.out_trade_no
                ORDER BY c.id""")
                .param("limit", limit).param("leaseMs", lease.toMillis())
                .query(NotificationOutbox::attempt).list();
    }

    /** The receiver acknowledged: the notification is done, whichever copy or attempt it was. */
    public void acknowledged(long id, int httpStatus) {
        jdbc.sql("""
                UPDATE notifications SET state = 'DELIVERED', delivered_at = now(), last_status = :status, last_error = NULL
                WHERE id = :id AND state = 'PENDING'""")
                .param("id", id).param("status", httpStatus)
                .update();
    }

    /**
     * Schedules the next attempt after {@code retryDelay}, or abandons the notification when it has
     * had its last attempt. Only the latest claimer writes (attempts match), so an attempt that
     * outlived its lease cannot reschedule over a newer one.
     */
    public void attemptFailed(Attempt attempt, boolean lastAttempt, Duration retryDelay, Integer httpStatus, String error) {
        jdbc.sql("""
                UPDATE notifications
                SET state = CASE WHEN :last THEN 'ABANDONED' ELSE 'PENDING' END,
                    next_attempt_at = now() + CAST(:delayMs AS bigint) * interval '1 millisecond',
                    last_status = :status, last_error = :error
                WHERE id = :id AND state = 'PENDING' AND attempts = :attempts""")
                .param("last", lastAttempt).param("delayMs", retryDelay.toMillis())
                .param("status", httpStatus, Types.INTEGER).param("error", abbreviate(error))
                .param("id", attempt.id()).param("attempts", attempt.attempts())
                .update();
    }

    public List<Entry> ofTrade(String channel, String outTradeNo) {
        return jdbc.sql("SELECT * FROM notifications WHERE channel = :channel AND out_trade_no = :outTradeNo ORDER BY id LIMIT :limit")
                .param("channel", channel).param("outTradeNo", outTradeNo).param("limit", LISTED_MAX)
                .query(NotificationOutbox::entry).list();
    }

    private long insert(Trade trade, String notifyId, TradeState status, String state, long delayMs, Long afterId) {
        return jdbc.sql("""
                INSERT INTO notifications (channel, out_trade_no, notify_id, trade_status, state, next_attempt_at, after_id)
                VALUES (:channel, :outTradeNo, :notifyId, :status, :state,
                        now() + CAST(:delayMs AS bigint) * interval '1 millisecond', :afterId)
                RETURNING id""")
                .param("channel", trade.channel()).param("outTradeNo", trade.outTradeNo()).param("notifyId", notifyId)
                .param("status", status.name()).param("state", state).param("delayMs", delayMs)
                .param("afterId", afterId, Types.BIGINT)
                .query(Long.class).single();
    }

    /** Alipay's notify_id is an opaque token of about 32 characters; repeats of one notification share it. */
    private static String newNotifyId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= ERROR_LENGTH_MAX ? text : text.substring(0, ERROR_LENGTH_MAX);
    }

    private static Attempt attempt(ResultSet rs, int row) throws SQLException {
        Trade trade = Trades.trade(rs, row);
        return new Attempt(rs.getLong("n_id"), trade, TradeState.valueOf(rs.getString("n_trade_status")),
                rs.getString("n_notify_id"), rs.getInt("n_attempts"));
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        Integer lastStatus = rs.getObject("last_status", Integer.class);
        return new Entry(rs.getLong("id"), rs.getString("notify_id"), TradeState.valueOf(rs.getString("trade_status")),
                rs.getString("state"), rs.getInt("attempts"), Trades.instant(rs, "next_attempt_at"), lastStatus,
                rs.getString("last_error"), Trades.instant(rs, "created_at"), Trades.instant(rs, "delivered_at"));
    }
}
